#!/usr/bin/env bash
# Regenerates completions/ and docs/man/ from the clap definitions, and the JSON Schema of
# -o json (docs/schema/) from the output's types (tests/integration/generated.rs checks they are
# current).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf docs/man completions
EVENTSCTL_BLESS=1 cargo test --quiet --test integration generated::completions_and_man_pages_are_current
# The JSON Schema of -o json (docs/schema/eventsctl-v1.json), from the envelope's and data types.
EVENTSCTL_BLESS=1 cargo test --quiet --test integration generated::the_json_schema_is_current
ls completions docs/man | wc -l
