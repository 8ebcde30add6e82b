#!/usr/bin/env bash
# One run, one emulator, five comparisons, written to the top of docs/benchmarks.md (the sections
# after the "end of bench/compare.sh" line are kept):
#  1. the runbook's Issue 1 diagnosis with the AWS CLI vs `eventsctl diagnose throttling`
#  2. `events import` vs a boto3 batch_writer script: client CPU per 1,000 items
#  3. `bench write` vs a bare-SDK PutItem probe (bench/put_probe.rs): client CPU per request
#  4. `check-ttl --full` vs a boto3 paginated scan of the same table: client CPU per 1,000 items
#  5. `health-check monthly`: wall time and the number of AWS calls it makes
# Wall times are medians of 5 runs, CPU figures medians of RUNS (default 3) runs, each side of a
# comparison in the same run. Usage: bench/compare.sh   (N=20000 RUNS=3 RATE=1000 SECONDS=5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${N:-20000}" RUNS="${RUNS:-3}" RATE="${RATE:-1000}" SECONDS_PER_RUN="${SECONDS:-5}"
# The probe is built with the binary it is compared with, in the same cargo run and profile.
BENCH_BINS="--features bench-probe --bin put_probe"
bench_setup
bench_pip "boto3==1.44.8"
PROBE="$(bench_dir "${BENCH_PROFILE:-release}")/put_probe"
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

# 2. Import: each run a fresh pair of tables, the same file. CPU is user + system of the process.
FILE="$OUT/compare-$N.ndjson"
gen_events "$N" "$FILE"
per1000() { echo "$1 * 1000 / $N" | bc -l; }
: >"$OUT/ev-import.cpu"; : >"$OUT/py-import.cpu"
for r in $(seq 1 "$RUNS"); do
  "$EV" -q --env "$ENV-ev$r" table create >/dev/null
  "$EV" -q --env "$ENV-py$r" table create >/dev/null
  timed eventsctl-import "$EV" -q --env "$ENV-ev$r" --no-progress events import "$FILE"
  per1000 "$CPU" >>"$OUT/ev-import.cpu"
  timed boto3-import "$BENCH_VENV/bin/python" bench/boto3_import.py "$FILE" "zapier-triggers-api-$ENV-py$r-events"
  per1000 "$CPU" >>"$OUT/py-import.cpu"
done
EV_IMPORT=$(median <"$OUT/ev-import.cpu"); PY_IMPORT=$(median <"$OUT/py-import.cpu")
IMPORT_RATIO=$(echo "$PY_IMPORT / $EV_IMPORT" | bc -l)

# 3. Single writes: the same open-loop rate and duration, one runtime thread each; the probe
# with the SDK's defaults (the floor) and with stalled-stream protection off (as eventsctl's).
: >"$OUT/ev-write.cpu"; : >"$OUT/probe-write.cpu"; : >"$OUT/probe-nostall-write.cpu"
probe_cpu() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cpu_us_per_request"])' "$1"; }
for _ in $(seq 1 "$RUNS"); do
  "${PIN[@]}" "$EV" -q --env "$ENV" --no-progress -o json bench write --rate "$RATE" --duration "${SECONDS_PER_RUN}s" >"$OUT/bench-write.out" || [ $? -le 3 ]
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["cpu_us_per_request"])' "$OUT/bench-write.out" >>"$OUT/ev-write.cpu"
  # The probe exits 1 when some requests failed (an overloaded emulator); its CPU still counts.
  "${PIN[@]}" "$PROBE" "$TABLE" "$RATE" "$SECONDS_PER_RUN" >"$OUT/probe.out" || [ -s "$OUT/probe.out" ]
  probe_cpu "$OUT/probe.out" >>"$OUT/probe-write.cpu"
  "${PIN[@]}" "$PROBE" "$TABLE" "$RATE" "$SECONDS_PER_RUN" no-stall >"$OUT/probe.out" || [ -s "$OUT/probe.out" ]
  probe_cpu "$OUT/probe.out" >>"$OUT/probe-nostall-write.cpu"
done
EV_WRITE=$(median <"$OUT/ev-write.cpu"); PROBE_WRITE=$(median <"$OUT/probe-write.cpu")
PROBE_NOSTALL=$(median <"$OUT/probe-nostall-write.cpu")
WRITE_RATIO=$(echo "$EV_WRITE / $PROBE_WRITE" | bc -l)

# 4. Full scan of the table the first eventsctl import filled ($N items), both sides reading
# every item with four segments in parallel.
SCAN_TABLE="zapier-triggers-api-$ENV-ev1-events"
CHECK=(bash -c '"$@"; [ $? -le 3 ]' check)
: >"$OUT/ev-scan.cpu"; : >"$OUT/py-scan.cpu"
for _ in $(seq 1 "$RUNS"); do
  timed ttl-full "${CHECK[@]}" "$EV" -q --env "$ENV-ev1" --no-progress -o json check-ttl --full --concurrency 4
  per1000 "$CPU" >>"$OUT/ev-scan.cpu"
  timed boto3-scan "$BENCH_VENV/bin/python" bench/boto3_scan.py "$SCAN_TABLE" 4
  per1000 "$CPU" >>"$OUT/py-scan.cpu"
done
SCANNED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["tally"]["scanned"])' "$OUT/ttl-full.out")
PY_SCANNED=$(cat "$OUT/boto3-scan.out")
EV_SCAN=$(median <"$OUT/ev-scan.cpu"); PY_SCAN=$(median <"$OUT/py-scan.cpu")
SCAN_RATIO=$(echo "$PY_SCAN / $EV_SCAN" | bc -l)

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

KEEP=""
if grep -q '^<!-- end of bench/compare.sh' docs/benchmarks.md 2>/dev/null; then
  KEEP=$(sed -n '/^<!-- end of bench\/compare.sh/,$p' docs/benchmarks.md | tail -n +2)
fi
f3() { printf '%.3f' "$1"; }
f1() { printf '%.1f' "$1"; }
cat >docs/benchmarks.md <<MD
# Benchmarks

Produced by \`bench/compare.sh\` in one run against one local emulator (ministack on loopback);
\`bench/import.sh\`, \`bench/scale.sh\` and \`eventsctl bench write|read\` are described in the README.
Wall times are medians of 5 runs; client CPU (user + system of the process, what the tool costs
the machine it runs on) is the median of $RUNS runs, each side of a comparison in the same run.
The machine is shared with other work: CPU time moves less with it than wall time does. An
emulator is not AWS: these compare the tools' own cost and round trips, not DynamoDB.

- Machine: $(machine)$([ ${#PIN[@]} -gt 0 ] && echo "; emulator pinned to CPU 0, measured clients to CPU 1 (BENCH_PIN)")
- Date: $(date -u +%Y-%m-%dT%H:%MZ)
- eventsctl: $("$EV" --version), built with the \`${BENCH_PROFILE:-release}\` cargo profile (the bare-SDK probe with the same)
- AWS CLI: $("$AWS" --version 2>&1 | head -1); boto3 1.44.8
- Command: \`${BENCH_PIN:+BENCH_PIN=$BENCH_PIN }${BENCH_PROFILE:+BENCH_PROFILE=$BENCH_PROFILE }N=$N RUNS=$RUNS RATE=$RATE SECONDS=$SECONDS_PER_RUN bench/compare.sh\`

## 1. Runbook Issue 1 diagnosis: AWS CLI vs eventsctl

| Procedure | Wall time (s) | What it answers |
|---|---|---|
| Runbook steps with the AWS CLI (\`cloudwatch get-metric-statistics\` UserErrors + \`dynamodb describe-table\`) | $RB | UserErrors with a TableName dimension: no datapoints on AWS, ever (docs/aws-facts.md §1.1); the table's status |
| \`eventsctl diagnose throttling\` | $EVD | table and GSI throttle events by reason, throttled requests, system errors, capacity peak, the cause and its remedy, the alarm state |

## 2. Bulk import: eventsctl vs boto3 batch_writer ($N events)

Each run imports the same file into a fresh table with each tool: \`eventsctl events import\`
(conditional PartiQL INSERTs, 25 to a BatchExecuteStatement: never replaces a stored event) and
\`bench/boto3_import.py\` (boto3 \`batch_writer\`, blind writes). Client CPU per 1,000 items:

| Tool | CPU s per 1,000 items (median) | Runs |
|---|---|---|
| \`eventsctl events import\` | $(f3 "$EV_IMPORT") | $(paste -sd' ' "$OUT/ev-import.cpu" | xargs printf '%.3f ') |
| boto3 \`batch_writer\` | $(f3 "$PY_IMPORT") | $(paste -sd' ' "$OUT/py-import.cpu" | xargs printf '%.3f ') |
| **ratio** | **$(f1 "$IMPORT_RATIO")× less CPU** (target ≥ 10×) | |

## 3. Single writes: \`bench write\` vs the bare-SDK floor

\`eventsctl bench write --rate $RATE --duration ${SECONDS_PER_RUN}s\` against \`bench/put_probe.rs\`
(the same conditional PutItem and item shape, sent open-loop at the same rate on the same
current-thread runtime by a bare \`aws_sdk_dynamodb::Client\` with the SDK's defaults). Client
CPU per request:

| Sender | CPU µs per request (median) | Runs |
|---|---|---|
| \`eventsctl bench write\` | $(f1 "$EV_WRITE") | $(paste -sd' ' "$OUT/ev-write.cpu" | xargs printf '%.1f ') |
| bare-SDK probe, SDK defaults (the floor) | $(f1 "$PROBE_WRITE") | $(paste -sd' ' "$OUT/probe-write.cpu" | xargs printf '%.1f ') |
| bare-SDK probe, stalled-stream protection off | $(f1 "$PROBE_NOSTALL") | $(paste -sd' ' "$OUT/probe-nostall-write.cpu" | xargs printf '%.1f ') |
| **ratio** | **$(printf '%.2f' "$WRITE_RATIO")× the floor** (target ≤ 1.5×) | |

## 4. Full scan: \`check-ttl --full\` vs a boto3 paginated scan ($SCANNED items)

Both read every item of the same table with four parallel segments; boto3 (\`bench/boto3_scan.py\`,
the low-level client, pages of 1 MB) only counts what it read ($PY_SCANNED items),
\`check-ttl --full\` classifies every ttl and keeps its checkpoint. Client CPU per 1,000 items:

| Tool | CPU s per 1,000 items (median) | Runs |
|---|---|---|
| \`eventsctl check-ttl --full --concurrency 4\` | $(f3 "$EV_SCAN") | $(paste -sd' ' "$OUT/ev-scan.cpu" | xargs printf '%.3f ') |
| boto3 paginated scan | $(f3 "$PY_SCAN") | $(paste -sd' ' "$OUT/py-scan.cpu" | xargs printf '%.3f ') |
| **ratio** | **$(f1 "$SCAN_RATIO")× less CPU** | |

## 5. health-check monthly

| Measure | Value |
|---|---|
| Wall time (median of 5) | $HC s |
| Wall time of \`diagnose throttling\` for reference | $EVD s |
| AWS calls (counted by a pass-through microburst proxy) | $CALLS |

<!-- end of bench/compare.sh: what follows is kept when it runs again -->
MD
if [ -n "$KEEP" ]; then printf '%s\n' "$KEEP" >>docs/benchmarks.md; fi
echo "wrote docs/benchmarks.md"
cat docs/benchmarks.md
