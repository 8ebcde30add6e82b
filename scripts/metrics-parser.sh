#!/usr/bin/env bash
# The reference OpenMetrics parser that the `-o prometheus` test reads the output back with:
# prometheus_client (PyPI, Apache-2.0), pinned, in .venv-metrics/ (its own venv: the emulator's
# .venv is left as its pins say). Usage: scripts/metrics-parser.sh install|python
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-metrics"
PROMETHEUS_CLIENT_VERSION="0.26.0"

# Installed: prometheus_client at its pinned version, read with importlib.metadata through the
# venv's own python.
installed() {
  [ -x "$VENV/bin/python" ] || return 1
  "$VENV/bin/python" -c '
import sys, importlib.metadata as m
sys.exit(0 if m.version("prometheus_client") == sys.argv[1] else 1)
' "$PROMETHEUS_CLIENT_VERSION" 2>/dev/null
}

case "${1:-}" in
  install)
    installed && exit 0
    printf 'metrics-parser: installing prometheus_client==%s into .venv-metrics/\n' "$PROMETHEUS_CLIENT_VERSION" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      "prometheus_client==$PROMETHEUS_CLIENT_VERSION"
    ;;
  python) echo "$VENV/bin/python" ;;
  *) echo "usage: scripts/metrics-parser.sh install|python" >&2; exit 64 ;;
esac
