#!/usr/bin/env bash
# The demo (README): builds eventsctl, starts the local emulator, creates the `demo` table and
# runs the broadest check against it. The emulator keeps running so you can try more commands.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo build --quiet
scripts/emulator.sh start

ENDPOINT="$(scripts/emulator.sh endpoint)"
export AWS_ENDPOINT_URL="$ENDPOINT" AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true EVENTSCTL_ENV=demo
unset AWS_PROFILE AWS_SESSION_TOKEN || true
ev() { echo; echo "\$ eventsctl $*"; target/debug/eventsctl "$@"; }

if ! target/debug/eventsctl -q table describe >/dev/null 2>&1; then
  ev table create
fi
status=0
ev table verify || status=$?

cat <<EOT

Demo table zapier-triggers-api-demo-events is on the emulator at $ENDPOINT.
Point more commands at it with:
  export AWS_ENDPOINT_URL=$ENDPOINT AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1 EVENTSCTL_ENV=demo
  target/debug/eventsctl table describe
Stop the emulator with: scripts/emulator.sh stop
EOT
exit "$status"
