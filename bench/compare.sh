#!/usr/bin/env bash
# One run, one emulator, three comparisons, written to docs/benchmarks.md:
#  1. the runbook's Issue 1 diagnosis with the AWS CLI vs `eventsctl diagnose throttling`
#  2. `events import` vs a boto3 batch_writer script (bench/import.sh)
#  3. `health-check monthly`: wall time and the number of AWS calls it makes
# Medians of 5 runs. Usage: bench/compare.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_setup
# The AWS CLI gets a venv of its own: it pins a botocore that boto3's would replace.
CLI_VENV="$ROOT/.venv-awscli"
[ -x "$CLI_VENV/bin/aws" ] || { python3 -m venv "$CLI_VENV" && "$CLI_VENV/bin/pip" install --quiet --disable-pip-version-check "awscli==1.42.76"; }
AWS="$CLI_VENV/bin/aws"
scripts/faults.sh install
MB="$(scripts/faults.sh bin)"

ENV="cmp-$(date +%s)"
TABLE="zapier-triggers-api-$ENV-events"
"$EV" -q --env "$ENV" table create >/dev/null
"$EV" -q --env "$ENV" alarms apply --sns-topic arn:aws:sns:us-east-1:000000000000:bench >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# wall CMD: seconds it took; a command that fails stops the benchmark (no timing of failures),
# except the exit codes 1-3 of eventsctl's checks, which are verdicts.
wall() {
  local s e rc=0
  s=$(date +%s.%N)
  "$@" >"$OUT/wall.out" 2>"$OUT/wall.err" || rc=$?
  e=$(date +%s.%N)
  if [ "$rc" -gt 3 ] || { [ "$rc" -ne 0 ] && [ "$1" = "runbook_issue1" ]; }; then
    echo "bench: $* failed ($rc):" >&2; tail -5 "$OUT/wall.err" >&2; exit 1
  fi
  echo "$e - $s" | bc -l
}

runbook_issue1() {
  "$AWS" --endpoint-url "$AWS_ENDPOINT_URL" cloudwatch get-metric-statistics --namespace AWS/DynamoDB \
    --metric-name UserErrors --dimensions Name=TableName,Value="$TABLE" \
    --start-time "$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%S)" --end-time "$(date -u +%Y-%m-%dT%H:%M:%S)" \
    --period 300 --statistics Sum
  "$AWS" --endpoint-url "$AWS_ENDPOINT_URL" dynamodb describe-table --table-name "$TABLE"
}
runbook_issue1 >/dev/null  # fails loudly if the CLI cannot run the steps
RB=$(for _ in 1 2 3 4 5; do wall runbook_issue1; done | median)
EVD=$(for _ in 1 2 3 4 5; do wall "$EV" -q --env "$ENV" diagnose throttling; done | median)

IMPORT_TABLE=$(bench/import.sh 20000 | tail -3)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$MB" --config tests/faults/passthrough.yaml --upstream "$AWS_ENDPOINT_URL" --port "$PORT" >"$OUT/mb.log" 2>&1 &
MBPID=$!
trap 'kill $MBPID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$PORT/_microburst/health" >/dev/null 2>&1 && break; sleep 0.1; done
seen() { curl -fsS "http://127.0.0.1:$PORT/_microburst/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests_seen"])'; }
B0=$(seen)
"$EV" -q --env "$ENV" --endpoint-url "http://127.0.0.1:$PORT" health-check monthly >/dev/null 2>&1 || true
B1=$(seen)
CALLS=$((B1 - B0))
HC=$(for _ in 1 2 3 4 5; do wall "$EV" -q --env "$ENV" health-check monthly; done | median)

cat >docs/benchmarks.md <<MD
# Benchmarks

Produced by \`bench/compare.sh\` in one run against one local emulator (ministack on loopback);
\`bench/import.sh\`, \`bench/scale.sh\` and \`eventsctl bench write|read\` are described in the README.
Numbers are medians of 5 runs unless noted. An emulator is not AWS: these compare the tools'
own cost and round trips, not DynamoDB.

- Machine: $(machine)
- Date: $(date -u +%Y-%m-%dT%H:%MZ)
- eventsctl: release build, $("$EV" --version)
- AWS CLI: $("$AWS" --version 2>&1 | head -1)

## 1. Runbook Issue 1 diagnosis: AWS CLI vs eventsctl

| Procedure | Wall time (s) | What it answers |
|---|---|---|
| Runbook steps with the AWS CLI (\`cloudwatch get-metric-statistics\` UserErrors + \`dynamodb describe-table\`) | $RB | UserErrors with a TableName dimension: no datapoints on AWS, ever (facts 1.1); the table's status |
| \`eventsctl diagnose throttling\` | $EVD | table and GSI throttle events by reason, throttled requests, system errors, capacity peak, the cause and its remedy, the alarm state |

## 2. Bulk import: eventsctl vs boto3 batch_writer (20,000 events)

Command: \`bench/import.sh 20000\`

\`\`\`
$IMPORT_TABLE
\`\`\`

## 3. health-check monthly

| Measure | Value |
|---|---|
| Wall time (median of 5) | $HC s |
| Wall time of \`diagnose throttling\` for reference | $EVD s |
| AWS calls (counted by a pass-through microburst proxy) | $CALLS |
MD
echo "wrote docs/benchmarks.md"
cat docs/benchmarks.md
