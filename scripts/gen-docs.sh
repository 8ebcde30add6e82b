#!/usr/bin/env bash
# Regenerates completions/ and docs/man/ from the clap definitions (tests/integration/generated.rs checks
# they are current).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf docs/man completions
EVENTSCTL_BLESS=1 cargo test --quiet --test integration generated::completions_and_man_pages_are_current
ls completions docs/man | wc -l
