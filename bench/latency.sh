#!/usr/bin/env bash
# Time to verdict on a real network (issue 28): each on-call check, `changes` and the monthly
# health check on the emulator directly (0 ms) and through a fault proxy that adds 100 ms to
# every call (tests/faults/latency-100.yaml). Per command: wall time, AWS calls and round-trip
# depth (the longest chain of calls that ran one after another, from the -vv call log).
#
# Usage: bench/latency.sh            (release build; BENCH_PROFILE=dev for the debug build)
#        EVENTSCTL_BENCH_BIN=path bench/latency.sh   (another binary, e.g. main's, for "before")
#        RUNS=3 bench/latency.sh     (best of N runs per cell; default 3)
# Prints a Markdown table (also in bench/out/latency.md).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# An emulator of its own: the setup below must not meet a test's or the demo's tables.
export EMULATOR_STATE="${EMULATOR_STATE:-$ROOT/.emulator-bench}"
bench_setup
UPSTREAM="$AWS_ENDPOINT_URL"
RUNS="${RUNS:-3}"
scripts/faults.sh install
MB="$(scripts/faults.sh bin)"

export EVENTSCTL_ENV=bench EVENTSCTL_NAME_PREFIX=latency
export EVENTSCTL_STATE_DIR="$OUT/latency-state" XDG_CONFIG_HOME="$OUT/latency-config"
unset EVENTSCTL_CONFIG EVENTSCTL_PRODUCTION_MARKERS || true
mkdir -p "$EVENTSCTL_STATE_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$EVENTSCTL_STATE_DIR"

# The world the checks look at: the table, a day of events, the alarms and the dashboard.
if ! "$EV" -q table describe >/dev/null 2>&1; then
  "$EV" -q table create >/dev/null
  python3 - >"$OUT/latency-events.ndjson" <<'PY'
import json
from datetime import datetime, timedelta, timezone
now = datetime.now(timezone.utc)
for i in range(500):
    ts = now - timedelta(minutes=i * 2)
    print(json.dumps({"user_id": f"user-{i % 20:02d}", "event_type": "zap.triggered",
                      "status": "pending", "timestamp": ts.isoformat(), "payload": {"n": i}}))
PY
  "$EV" -q events import "$OUT/latency-events.ndjson" >/dev/null
  "$EV" -q alarms apply --sns-topic "arn:aws:sns:us-east-1:000000000000:latency-bench-oncall" >/dev/null || true
  "$EV" -q dashboard apply >/dev/null || true
fi

# The proxy: every call 100 ms later.
PORT="$("$ROOT/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
"$MB" --config tests/faults/latency-100.yaml --upstream "$UPSTREAM" --port "$PORT" --host 127.0.0.1 \
  >"$OUT/latency-proxy.log" 2>&1 &
PROXY_PID=$!
trap 'kill "$PROXY_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done
PROXY="http://127.0.0.1:$PORT"
# The proxy's first call to each service loads that service's model (seconds): not measured.
for warm in "table verify" "stream-status" "changes --since 1h" "health-check monthly"; do
  # shellcheck disable=SC2086
  AWS_ENDPOINT_URL="$PROXY" "$EV" -q $warm >/dev/null 2>&1 || true
done

COMMANDS=(
  "diagnose throttling"
  "diagnose latency"
  "diagnose writes"
  "check-ttl"
  "stream-status"
  "hot-partitions"
  "alarms status"
  "dashboard show"
  "table verify"
  "changes --since 24h"
  "health-check monthly"
)

# calls LOG: "CALLS DEPTH" from a -vv log (one `aws call` line per attempt, stamped at its end,
# with its duration): depth is the longest chain of attempts each starting after the last ended.
calls() {
  python3 - "$1" <<'PY'
import re, sys
from datetime import datetime
spans = []
for line in open(sys.argv[1], errors="replace"):
    if "aws call" not in line:
        continue
    m = re.match(r"\s*(\S+)", line)
    d = re.search(r"duration_ms=(\d+)", line)
    if not m or not d:
        continue
    try:
        end = datetime.fromisoformat(m.group(1).replace("Z", "+00:00")).timestamp()
    except ValueError:
        continue
    spans.append((end - int(d.group(1)) / 1000.0, end))
spans.sort(key=lambda s: s[1])
depth = []
for i, (s, e) in enumerate(spans):
    before = [depth[j] for j in range(i) if spans[j][1] <= s + 0.002]
    depth.append(1 + max(before, default=0))
print(len(spans), max(depth, default=0))
PY
}

# run ENDPOINT NAME CMD: best wall time of $RUNS runs, and that run's calls and depth.
run() {
  local endpoint="$1" name="$2" best="" best_calls="" i t0 t1 wall
  shift 2
  for i in $(seq "$RUNS"); do
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    AWS_ENDPOINT_URL="$endpoint" NO_COLOR=1 "$EV" -vv $1 >"$OUT/$name.out" 2>"$OUT/$name.err" || true
    t1=$(date +%s.%N)
    wall=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $wall < $best else 1)"; then
      best="$wall"
      best_calls="$(calls "$OUT/$name.err")"
    fi
  done
  echo "$best $best_calls"
}

{
  echo "| command | 0 ms: wall s | calls | depth | 100 ms: wall s | calls | depth |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for c in "${COMMANDS[@]}"; do
    slug="latency-${c// /_}"
    read -r w0 n0 d0 <<<"$(run "$UPSTREAM" "$slug-0" "$c")"
    read -r w1 n1 d1 <<<"$(run "$PROXY" "$slug-100" "$c")"
    echo "| \`$c\` | $w0 | $n0 | $d0 | $w1 | $n1 | $d1 |"
  done
} | tee "$OUT/latency.md"
if [ -n "${EVENTSCTL_BENCH_BIN:-}" ]; then what="binary $EVENTSCTL_BENCH_BIN"; else what="profile ${BENCH_PROFILE:-release}"; fi
echo "$what; best of $RUNS runs; $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores, Linux $(uname -r)" | tee -a "$OUT/latency.md"
