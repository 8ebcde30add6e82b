#!/usr/bin/env bash
# The test command (README, CI): installs what is missing, starts its own local emulator, runs
# formatting, lints and every test against it, and stops that emulator even on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/emulator.sh install
scripts/faults.sh install
scripts/metrics-parser.sh install
# The emulator's patch layer (scripts/ministack_patch/, docs/emulator.md) has unit tests of its own.
PYTHONPATH=scripts .venv/bin/python -m unittest discover -q -s scripts/ministack_patch -t scripts
# The tests' own emulator (not the demo's, which keeps its table and keeps running), stopped at
# the end only if this script started it.
export EMULATOR_STATE="$PWD/.emulator-test"
if scripts/emulator.sh status >/dev/null 2>&1; then
  started=0
else
  scripts/emulator.sh start
  started=1
fi
trap '[ "$started" = 1 ] && scripts/emulator.sh stop' EXIT

export EVENTSCTL_TEST_ENDPOINT="$(scripts/emulator.sh endpoint)"
export EVENTSCTL_MICROBURST="$(scripts/faults.sh bin)"
export EVENTSCTL_METRICS_PYTHON="$(scripts/metrics-parser.sh python)"
# The tests talk only to the emulator: fixed fake credentials, no profile, no instance metadata.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL EVENTSCTL_ENV EVENTSCTL_NAME_PREFIX || true

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
# The API docs build without a warning (bare URLs, broken or private links, stray HTML).
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked
# One integration test binary (tests/integration/); the tests that need the emulator are
# #[ignore]d under a plain `cargo test` and run here. Arguments go to cargo, and those after a
# `--` to the test harness (`scripts/test.sh --test integration faults:: -- --nocapture`).
cargo_args=() harness_args=()
for a in "$@"; do
  if [ "${#harness_args[@]}" -gt 0 ] || [ "$a" = -- ]; then harness_args+=("$a"); else cargo_args+=("$a"); fi
done
[ "${#harness_args[@]}" -gt 0 ] && harness_args=("${harness_args[@]:1}")
cargo test --locked "${cargo_args[@]}" -- --include-ignored "${harness_args[@]}"
