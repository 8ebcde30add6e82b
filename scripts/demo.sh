#!/usr/bin/env bash
# The demo (README): an incident on the `demo` table and its resolution, on the local emulator.
# It builds eventsctl, starts the emulator (a fresh one each run: its state lives in memory),
# creates the table as the runbook describes it, then lets four things go wrong: a hot user
# that throttles, events whose `ttl` is in milliseconds, TTL switched off by someone else and a
# stream consumer falling behind. `health-check monthly` is CRIT and names each cause; the demo
# fixes them with eventsctl (`table fix` puts TTL back on, `check-ttl --repair`, `alarms apply
# --recommended`) and runs the health check again: every finding is OK, and so is the verdict.
# The emulator keeps running afterwards, so you can try more commands against the same table.
#
# The emulator publishes no AWS/DynamoDB or AWS/Lambda metrics: scripts/demo_incident.py
# publishes the ones DynamoDB and Lambda would have published for what happened. Real
# CloudWatch refuses PutMetricData into AWS/ namespaces: that is demo-only code, never the
# tool's. The emulator (scripts/emulator.sh) runs with a patch layer, scripts/ministack_patch/,
# that evaluates CloudWatch alarms as CloudWatch does and gives IAM access advisor's report from
# the role's policies and the emulator's own activity as that role (docs/emulator.md).
#
# For tests (tests/integration/demo.rs): DEMO_ENDPOINT runs it on an emulator already running
# (left as it is), DEMO_ENV and DEMO_PREFIX name its resources, EVENTSCTL_BIN skips the build,
# DEMO_OUT is where its logs and reports go (default .emulator/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=.venv/bin/python
OUT="${DEMO_OUT:-$PWD/.emulator}"

took() { local s=$(( SECONDS - $1 )); if [ "$s" -ge 60 ]; then echo "$((s / 60))m $((s % 60))s"; else echo "${s}s"; fi; }
chapter() { printf '\n== %s\n' "$*"; }

build() {
  if [ -n "${EVENTSCTL_BIN:-}" ]; then
    EV="$EVENTSCTL_BIN"
    return
  fi
  EV=target/debug/eventsctl
  local t0=$SECONDS
  if [ ! -x "$EV" ]; then
    echo "demo: building eventsctl: the first build takes about 5-6 minutes on 2 cores (crates from crates.io); cargo shows its progress" >&2
  else
    echo "demo: building eventsctl (incremental)" >&2
  fi
  cargo build
  echo "demo: eventsctl built in $(took "$t0")" >&2
}

emulator() {
  if [ -n "${DEMO_ENDPOINT:-}" ]; then
    ENDPOINT="$DEMO_ENDPOINT"
    return
  fi
  if scripts/emulator.sh status >/dev/null 2>&1; then
    echo "demo: restarting the demo's emulator: the story needs a table it has not happened to yet" >&2
    scripts/emulator.sh stop
  fi
  echo "demo: starting the local AWS emulator (first run: ministack from PyPI into .venv/)" >&2
  scripts/emulator.sh start
  ENDPOINT="$(scripts/emulator.sh endpoint)"
}

t_start=$SECONDS
build
emulator
mkdir -p "$OUT"
LOG="$OUT/demo.log"
: >"$LOG"
ENV_NAME="${DEMO_ENV:-demo}"
PREFIX="${DEMO_PREFIX:-zapier-triggers-api}"
TABLE="$PREFIX-$ENV_NAME-events"
CONSUMER="$PREFIX-$ENV_NAME-consumer"
TOPIC="arn:aws:sns:us-east-1:000000000000:$PREFIX-$ENV_NAME-oncall"
export AWS_ENDPOINT_URL="$ENDPOINT" AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true EVENTSCTL_ENV="$ENV_NAME" EVENTSCTL_NAME_PREFIX="$PREFIX"
export EVENTSCTL_STATE_DIR="${EVENTSCTL_STATE_DIR:-$OUT/state}"
# The demo's settings are its own: no eventsctl.toml of yours applies to it.
export XDG_CONFIG_HOME="$OUT/config"
unset AWS_PROFILE AWS_SESSION_TOKEN EVENTSCTL_CONFIG EVENTSCTL_PRODUCTION_MARKERS || true

# `ev` shows a command and its output; `quietly` shows the command and keeps its output in the
# log (all of it on the terminal if it fails).
ev() { echo; echo "\$ eventsctl $*"; "$EV" "$@"; }
quietly() {
  echo "\$ eventsctl $*"
  local out status=0
  out="$("$EV" "$@" 2>&1)" || status=$?
  printf '$ eventsctl %s\n%s\n\n' "$*" "$out" >>"$LOG"
  if [ "$status" -ne 0 ]; then
    printf '%s\n' "$out" >&2
    echo "demo: eventsctl $* failed (exit $status, above)" >&2
    exit 1
  fi
}
incident() { "$PY" scripts/demo_incident.py "$ENDPOINT" "$TABLE" "$@"; }
# health-check monthly, its verdict lines printed (the whole report in $OUT/demo-NAME.md). Its
# exit code is its verdict (2 crit, 3 unknown): demo_report.py reads the report instead.
health() {
  echo
  echo "\$ eventsctl health-check monthly"
  "$EV" -q -o json health-check monthly --report "$OUT/demo-$1.md" --force >"$OUT/demo-$1.json" || true
  "$PY" scripts/demo_report.py "$1" "$OUT/demo-$1.json" "$OUT/demo-$1.md"
}

chapter "The table, as the runbook describes it (the full output of each command: $LOG)"
quietly table create
# A day of events from 20 users: the shape the API writes.
python3 - >"$OUT/demo-events.ndjson" <<'PY'
import json
from datetime import datetime, timedelta, timezone
now = datetime.now(timezone.utc)
for i in range(2000):
    ts = now - timedelta(minutes=(2000 - i) * 0.7)
    print(json.dumps({"user_id": f"user-{i % 20:02d}", "event_type": ["zap.triggered", "webhook.received", "poll.completed"][i % 3],
                      "status": ["pending", "delivered"][i % 2], "timestamp": ts.isoformat(), "payload": {"n": i}}))
PY
quietly events import "$OUT/demo-events.ndjson"
quietly alarms apply --sns-topic "$TOPIC"
quietly dashboard apply
"$PY" scripts/demo_consumer.py "$ENDPOINT" "$TABLE" "$CONSUMER" >>"$LOG"
echo "  (and a stream consumer, $CONSUMER: a Lambda function reading the table's stream)"

chapter "An incident"
incident hot-user "$OUT/demo-hot-user.ndjson"
quietly events import "$OUT/demo-hot-user.ndjson"
incident millis-writer
incident ttl-off
cat <<EOT
  The emulator publishes no AWS/DynamoDB or AWS/Lambda metrics. The demo publishes the ones
  DynamoDB and Lambda would have published for this traffic (real CloudWatch refuses
  PutMetricData into AWS/ namespaces: demo-only code, not eventsctl's):
EOT
incident metrics "$CONSUMER"
cat <<EOT
  The emulator's alarm evaluation is patched (scripts/ministack_patch/, docs/emulator.md): its
  CloudWatch alarms keep their metric math and are evaluated as CloudWatch evaluates them.
  Its IAM access advisor comes from the same patch layer: the report on the consumer's role
  lists the services the role's policies allow, and when the role used them is the emulator's
  own activity (its event source mapping reading the stream as the function's role), never a
  made-up date.
EOT

chapter "The monthly health check: what is wrong, and who did it"
health before

chapter "The fixes, with eventsctl"
echo "  TTL back on: \`table fix\` puts back what someone switched off, on any table (on production"
echo "  with --yes), and touches nothing else. (On AWS a table's TTL setting changes at most once an"
echo "  hour: after someone switched it off, this may have to wait; the emulator does not model that.)"
ev table fix
echo
echo "  The events whose \`ttl\` is in milliseconds: rewritten in epoch seconds, the same moment."
echo "  Ten of them are 31 days old: their moment has passed, so TTL deletes them once rewritten;"
echo "  the repair does that only when told (--expire-now milliseconds)."
ev check-ttl --repair --expire-now milliseconds
echo
echo "  The alarms the runbook forgot: the consumer's IteratorAge and Errors, SystemErrors, TTL"
echo "  deletes stopped: with them, a consumer falling behind and TTL deletes stopping page someone."
echo "\$ eventsctl alarms apply --recommended --sns-topic $TOPIC"
if ! "$EV" -q -o json alarms apply --recommended --sns-topic "$TOPIC" >"$OUT/demo-alarms.json"; then
  cat "$OUT/demo-alarms.json" >&2
  echo "demo: eventsctl alarms apply --recommended failed (above)" >&2
  exit 1
fi
"$PY" scripts/demo_report.py alarms "$OUT/demo-alarms.json"
echo
echo "  The consumer catches up with the backlog:"
incident caught-up "$CONSUMER"
# The API's requests, timed: the latency alarms' evidence. On an emulator the tests share too:
# the patch layer evaluates each alarm on its own dimensions (this table's), so these datapoints
# move no other test's alarm.
incident latency

chapter "The monthly health check again"
health after

cat <<EOT

The demo table $TABLE is on the emulator at $ENDPOINT.
Point more commands at it with:
  export AWS_ENDPOINT_URL=$ENDPOINT AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1 EVENTSCTL_ENV=$ENV_NAME EVENTSCTL_NAME_PREFIX=$PREFIX
  $EV diagnose throttling --since 1h
  $EV changes --since 1h
  $EV alarms status
  $EV stream-status --probe
EOT
[ -n "${DEMO_ENDPOINT:-}" ] || echo "Stop the emulator with: scripts/emulator.sh stop"
echo "demo: done in $(took "$t_start")"
