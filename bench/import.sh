#!/usr/bin/env bash
# Import N events (default 20,000) with `eventsctl events import` and with a boto3 batch_writer
# script against the same local emulator; report items/s and client CPU seconds per 1,000 items.
# Usage: bench/import.sh [N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${1:-20000}"
bench_setup
bench_pip "boto3==1.44.8"

FILE="$OUT/import-$N.ndjson"
gen_events "$N" "$FILE"
run_id="$(date +%s)"
EV_ENV="bench-ev-$run_id"; PY_ENV="bench-py-$run_id"
"$EV" -q --env "$EV_ENV" table create >/dev/null
"$EV" -q --env "$PY_ENV" table create >/dev/null
EV_TABLE="zapier-triggers-api-$EV_ENV-events"; PY_TABLE="zapier-triggers-api-$PY_ENV-events"

timed eventsctl-import "$EV" -q --env "$EV_ENV" --no-progress events import "$FILE"
EV_WALL=$WALL EV_CPU=$CPU EV_RSS=$RSS
timed boto3-import "$BENCH_VENV/bin/python" bench/boto3_import.py "$FILE" "$PY_TABLE"
PY_WALL=$WALL PY_CPU=$CPU PY_RSS=$RSS

count() { "$BENCH_VENV/bin/python" -c "
import boto3,sys; c=boto3.client('dynamodb'); n=0; k=None
while True:
    a={'TableName':sys.argv[1],'Select':'COUNT'}
    if k: a['ExclusiveStartKey']=k
    r=c.scan(**a); n+=r['Count']; k=r.get('LastEvaluatedKey')
    if not k: break
print(n)" "$1"; }
EV_COUNT=$(count "$EV_TABLE"); PY_COUNT=$(count "$PY_TABLE")

echo "machine: $(machine)"
echo "command: bench/import.sh $N   (emulator: ministack on loopback, release build)"
printf '%-22s %10s %10s %14s %16s %10s %8s\n' tool items wall_s items_per_s cpu_s_per_1000 rss_kb landed
awk -v n="$N" -v w="$EV_WALL" -v c="$EV_CPU" -v r="$EV_RSS" -v l="$EV_COUNT" 'BEGIN {printf "%-22s %10d %10.2f %14.0f %16.3f %10d %8d\n", "eventsctl import", n, w, n/w, c*1000/n, r, l}'
awk -v n="$N" -v w="$PY_WALL" -v c="$PY_CPU" -v r="$PY_RSS" -v l="$PY_COUNT" 'BEGIN {printf "%-22s %10d %10.2f %14.0f %16.3f %10d %8d\n", "boto3 batch_writer", n, w, n/w, c*1000/n, r, l}'
