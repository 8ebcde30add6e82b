#!/usr/bin/env bash
# The demo (README): builds eventsctl, starts the local emulator, creates the `demo` table as
# the runbook describes it (alarms, dashboard, a stream consumer, some events) and ends with the
# broadest check there is: `health-check monthly`. The emulator keeps running afterwards so you
# can try more commands against the same table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo build --quiet
scripts/emulator.sh start

ENDPOINT="$(scripts/emulator.sh endpoint)"
export AWS_ENDPOINT_URL="$ENDPOINT" AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true EVENTSCTL_ENV=demo
unset AWS_PROFILE AWS_SESSION_TOKEN || true
EV=target/debug/eventsctl
TABLE=zapier-triggers-api-demo-events
ev() { echo; echo "\$ eventsctl $*"; "$EV" "$@"; }

if ! "$EV" -q table describe >/dev/null 2>&1; then
  ev table create
  # A day of sample events from 20 users: the shape the API writes.
  python3 - >"$PWD/.emulator/demo-events.ndjson" <<'PY'
import json
from datetime import datetime, timedelta, timezone
now = datetime.now(timezone.utc)
for i in range(2000):
    ts = now - timedelta(minutes=(2000 - i) * 0.7)
    print(json.dumps({"user_id": f"user-{i % 20:02d}", "event_type": ["zap.triggered", "webhook.received", "poll.completed"][i % 3],
                      "status": ["pending", "delivered"][i % 2], "timestamp": ts.isoformat(), "payload": {"n": i}}))
PY
  ev events import .emulator/demo-events.ndjson
  ev alarms apply --sns-topic arn:aws:sns:us-east-1:000000000000:demo-oncall
  ev dashboard apply
  .venv/bin/python scripts/demo_consumer.py "$ENDPOINT" "$TABLE" zapier-triggers-api-demo-consumer
fi

ev table verify
ev events query --user user-07 --type zap.triggered --limit 5
ev diagnose writes --canary
status=0
ev health-check monthly || status=$?

cat <<EOT

The demo table $TABLE is on the emulator at $ENDPOINT.
Point more commands at it with:
  export AWS_ENDPOINT_URL=$ENDPOINT AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1 EVENTSCTL_ENV=demo
  $EV check-ttl
  $EV stream-status --probe
  $EV dashboard show
  $EV dr-drill
Stop the emulator with: scripts/emulator.sh stop
EOT
exit "$status"
