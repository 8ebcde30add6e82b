#!/usr/bin/env bash
# The fault-injection proxy for the fault tests: microburst (PyPI, MIT), pinned, in .venv-faults/
# (its botocore must not replace the one the emulator pins). The tests start one proxy each, in
# front of the emulator, with a configuration from tests/faults/.
# Usage: scripts/faults.sh install|bin
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-faults"
MICROBURST_VERSION="0.10.0"

case "${1:-}" in
  install)
    if [ -x "$VENV/bin/microburst" ] && "$VENV/bin/pip" show microburst 2>/dev/null | grep -qx "Version: $MICROBURST_VERSION"; then
      exit 0
    fi
    printf 'faults: installing microburst==%s into .venv-faults/\n' "$MICROBURST_VERSION" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "microburst==$MICROBURST_VERSION"
    ;;
  bin) echo "$VENV/bin/microburst" ;;
  *) echo "usage: scripts/faults.sh install|bin" >&2; exit 64 ;;
esac
