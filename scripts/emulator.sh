#!/usr/bin/env bash
# The local AWS world for tests and the demo: ministack (PyPI, MIT) in .venv/, on a free loopback
# port. Usage: scripts/emulator.sh install|start|stop|endpoint|status
#
#   install   create .venv/ and install the pinned emulator (once; later calls are no-ops)
#   start     start it on a free 127.0.0.1 port, wait for health, record pid and endpoint
#   stop      stop the process this script started (by its recorded pid), nothing else
#   (EMULATOR_STATE=DIR picks another emulator: its own port, pid and data)
#   endpoint  print the endpoint URL of the running emulator
#   status    running (pid, endpoint, and whether the patch layer is in) or stopped (exit 1)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
# Its state (pid, endpoint, log, S3 objects): `.emulator/` for the demo and manual runs;
# scripts/test.sh sets EMULATOR_STATE=.emulator-test so the tests never share the demo's.
STATE="${EMULATOR_STATE:-$ROOT/.emulator}"
MINISTACK_VERSION="1.5.33"
# ministack's CloudWatch needs cbor2 but does not declare it; without it CloudWatch calls fail.
CBOR2_VERSION="6.3.0"
# With duckdb in its venv, ministack's Athena runs real SQL over its S3 objects (the export tests).
DUCKDB_VERSION="2.0.0"

log() { printf 'emulator: %s\n' "$*" >&2; }

# The pinned packages, each at its version, with consistent dependencies. Versions are read
# with importlib.metadata (no `pip show | grep -q`: under pipefail an early grep exit fails the
# pipe and the check never short-circuits). Through the venv's own python: a venv copied from
# another checkout keeps scripts whose first line names the other checkout's python.
installed() {
  [ -x "$VENV/bin/python" ] || return 1
  "$VENV/bin/python" -c '
import sys, importlib.metadata as m
pins = dict(a.split("==") for a in sys.argv[1:])
sys.exit(0 if all(m.version(k) == v for k, v in pins.items()) else 1)
' "ministack==$MINISTACK_VERSION" "cbor2==$CBOR2_VERSION" "duckdb==$DUCKDB_VERSION" 2>/dev/null \
    && "$VENV/bin/python" -m pip check >/dev/null 2>&1
}

install() {
  installed && return 0
  log "installing ministack==$MINISTACK_VERSION, cbor2==$CBOR2_VERSION and duckdb==$DUCKDB_VERSION into .venv/"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "ministack==$MINISTACK_VERSION" "cbor2==$CBOR2_VERSION" "duckdb==$DUCKDB_VERSION"
}

running_pid() {
  [ -f "$STATE/pid" ] || return 1
  local pid
  pid="$(cat "$STATE/pid")"
  # Only a process we started: alive and running ministack.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ministack; then
    echo "$pid"
    return 0
  fi
  return 1
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  install
  if pid="$(running_pid)"; then
    log "already running (pid $pid) at $(cat "$STATE/endpoint")"
    return 0
  fi
  mkdir -p "$STATE"
  local port endpoint
  port="$(free_port)"
  endpoint="http://127.0.0.1:$port"
  # State lives in memory; nothing is persisted between runs. S3 objects (which Athena reads)
  # live in this emulator's own directory, so two emulators never share them.
  rm -rf "$STATE/s3"
  # ministack with the patch layer of scripts/ministack_patch/ (docs/emulator.md): CloudWatch
  # alarms keep their metric math and are evaluated as CloudWatch evaluates them (on their own
  # metric and dimensions, M of N, TreatMissingData, on a timer), and IAM access advisor reports
  # the services a role's policies allow, with the emulator's own activity as that role (its
  # event source mappings' stream reads). It refuses another ministack.
  # CloudTrail recording: every API call is kept (the last CLOUDTRAIL_MAX_EVENTS) and answered
  # by LookupEvents, for `changes` and for tests that prove a call was or was not made.
  CLOUDTRAIL_RECORDING=1 CLOUDTRAIL_MAX_EVENTS=5000 \
  GATEWAY_PORT="$port" BIND_HOST=127.0.0.1 LOG_LEVEL=WARNING PERSIST_STATE=0 S3_DATA_DIR="$STATE/s3" \
    PYTHONPATH="$ROOT/scripts" nohup "$VENV/bin/python" -m ministack_patch >"$STATE/log" 2>&1 &
  echo $! >"$STATE/pid"
  echo "$endpoint" >"$STATE/endpoint"
  for _ in $(seq 1 100); do
    if curl -fsS "$endpoint/_ministack/health" >/dev/null 2>&1; then
      log "ready at $endpoint (pid $(cat "$STATE/pid"))"
      return 0
    fi
    if ! kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
      log "exited during start; its log:"; cat "$STATE/log" >&2; return 1
    fi
    sleep 0.2
  done
  log "not healthy after 20 s; its log:"; tail -20 "$STATE/log" >&2
  stop
  return 1
}

stop() {
  if pid="$(running_pid)"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped (pid $pid)"
  fi
  rm -f "$STATE/pid" "$STATE/endpoint"
}

endpoint() {
  running_pid >/dev/null || { log "not running: scripts/emulator.sh start"; return 1; }
  cat "$STATE/endpoint"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  endpoint) endpoint ;;
  status)
    if pid="$(running_pid)"; then
      # Says whether it runs with the patch layer (an emulator started by an older script does not).
      patched=""
      tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ministack_patch && patched=", patched: CloudWatch alarms, IAM access advisor (scripts/ministack_patch)"
      echo "running pid $pid at $(cat "$STATE/endpoint")$patched"
    else
      echo "stopped"; exit 1
    fi ;;
  *) echo "usage: scripts/emulator.sh install|start|stop|endpoint|status" >&2; exit 64 ;;
esac
