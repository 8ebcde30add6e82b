#!/usr/bin/env bash
# The fault-injection proxy for the fault tests: microburst (PyPI, MIT), pinned, in .venv-faults/
# (its botocore must not replace the one the emulator pins). The tests start one proxy each, in
# front of the emulator, with a configuration from tests/faults/.
# Usage: scripts/faults.sh install|bin
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-faults"
MICROBURST_VERSION="0.10.0"

# Installed: microburst at its pinned version (read with importlib.metadata through the venv's
# own python; no `pip show | grep -q`, which fails under pipefail when grep exits early), and its
# `microburst` script runs this venv's python (a venv copied from another checkout keeps scripts
# whose first line names the other checkout's python).
installed() {
  [ -x "$VENV/bin/python" ] && [ -x "$VENV/bin/microburst" ] || return 1
  "$VENV/bin/python" -c '
import sys, importlib.metadata as m
sys.exit(0 if m.version("microburst") == sys.argv[1] else 1)
' "$MICROBURST_VERSION" 2>/dev/null || return 1
  case "$(head -n 1 "$VENV/bin/microburst")" in
    "#!$VENV/bin/python"*) return 0 ;;
    *) return 1 ;;
  esac
}

case "${1:-}" in
  install)
    installed && exit 0
    printf 'faults: installing microburst==%s into .venv-faults/\n' "$MICROBURST_VERSION" >&2
    python3 -m venv "$VENV"
    # --force-reinstall rewrites the scripts of a copied venv for this venv's python.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
      "microburst==$MICROBURST_VERSION"
    ;;
  bin) echo "$VENV/bin/microburst" ;;
  *) echo "usage: scripts/faults.sh install|bin" >&2; exit 64 ;;
esac
