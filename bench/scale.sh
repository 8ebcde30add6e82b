#!/usr/bin/env bash
# Scale: for each size (default 100,000 and 1,000,000 items) a table is imported, then
#   check-ttl --full --read-rate   items/s and peak RSS (must stay flat: < 64 MB at every size)
#   (up to 100,000 items) a full `events query` of one user and a `pitr-restore` count
#   check-ttl --sample 10000       time, read units, segments, interval width vs the exact share
#   check-ttl --from-export        each engine: time, CPU, RSS, and the tallies equal to the scan's;
#                                  the local engine twice: on one core (taskset -c 0), then on
#                                  every core, so the rows show how it scales with cores
# Every row: wall and CPU seconds (user + sys), items per second and per CPU-second (the figure
# other people's builds on the machine do not change), cores used (CPU / wall), the 1-minute
# load average when the step ended (`uptime`'s first figure).
# The emulator writes no export files: bench/write_export.py writes the documented layout into
# its S3 from the same input the import read (what ExportTableToPointInTime would have written).
# Wall time and peak RSS from /usr/bin/time -v.
# Usage: bench/scale.sh [SIZES...]   (default: 100000 1000000)
#   SCALE_EXPORT_ONLY=1 bench/scale.sh 1000000: only the export engines, on an export of an
#   empty table whose files hold the N generated items (no import, no scan: the tallies are
#   compared with what the generator wrote, and the two engines with each other).
#   SCALE_ENGINES="local": only those export engines (default: local athena).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SIZES=("$@")
[ "$#" -gt 0 ] || SIZES=(100000 1000000)
bench_setup
bench_pip "boto3==1.40.*"

echo "machine: $(machine)"
echo "command: bench/scale.sh ${SIZES[*]}   (emulator: ministack on loopback, ${BENCH_PROFILE:-release} build; the emulator charges 0.5 read units per Scan call whatever its size, AWS about 128 per 1 MB page)"
echo "load: $(uptime)"
printf '%-9s %-40s %8s %7s %11s %13s %5s %9s %5s  %s\n' items step wall_s cpu_s items_per_s items_per_cpu_s cores rss_kb load notes
# row ITEMS STEP [NOTES] [COUNTED]: the last `timed` step's figures, rates of COUNTED items (default ITEMS).
row() {
  local n="${4:-$1}"
  printf '%-9s %-40s %8.2f %7.2f %11.0f %13.0f %5.2f %9d %5s  %s\n' "$1" "$2" "$WALL" "$CPU" \
    "$(echo "$n / $WALL" | bc -l)" "$(echo "$n / ($CPU + 0.001)" | bc -l)" "$(echo "$CPU / $WALL" | bc -l)" \
    "$RSS" "$(cut -d' ' -f1 /proc/loadavg)" "${3:-}"
}
# A check exits 0-3 by its verdict (warn here: the seeded ttl classes); only 64 and crashes fail.
CHECK=(bash -c '"$@"; [ $? -le 3 ]' check)
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

for N in "${SIZES[@]}"; do
  ENV="scale-$N-$(date +%s)"
  TABLE="zapier-triggers-api-$ENV-events"
  FILE="$OUT/scale-$N.ndjson"
  # 1,000 users; every tenth event 35 days old with ttl = timestamp + 90 days (older than 30
  # days, ttl too far): classes that TTL never deletes, so the emulator keeps them.
  python3 - "$N" >"$FILE" <<'PY'
import json, sys
from datetime import datetime, timedelta, timezone
n = int(sys.argv[1]); now = datetime.now(timezone.utc)
for i in range(n):
    old = i % 10 == 0
    ts = (now - timedelta(days=35 if old else 2) + timedelta(milliseconds=i)).replace(microsecond=(i % 1000) * 1000)
    ev = {"user_id": f"user-{i % 1000:04d}", "event_type": "t", "event_id": f"e{i}",
          "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "payload": {"i": i}}
    if old:
        ev["ttl"] = int(ts.timestamp()) + 90 * 86400
    print(json.dumps(ev))
PY
  "$EV" -q --env "$ENV" table create >/dev/null
  if [ -z "${SCALE_EXPORT_ONLY:-}" ]; then
  timed "import-$N" "$EV" -q --env "$ENV" --no-progress events import "$FILE" --concurrency 8
  row "$N" "events import"

  timed "full-$N" "${CHECK[@]}" "$EV" -q --env "$ENV" --no-progress -o json check-ttl --full --read-rate 5000 --concurrency 4
  row "$N" "check-ttl --full --read-rate 5000" "$(json "$OUT/full-$N.out" "'read units %.0f, segments %s' % (d['data']['scope']['read_units'], d['data']['scope']['total_segments'])")"
  EXACT=$(json "$OUT/full-$N.out" "d['data']['tally']['older_than_30d']['count'] / d['data']['tally']['scanned']")

  timed "sample-$N" "${CHECK[@]}" "$EV" -q --env "$ENV" --no-progress -o json check-ttl --sample 10000
  NOTE=$(json "$OUT/sample-$N.out" "'read units %.1f, %d of %d segments; older_than_30d %.4f in [%.4f, %.4f] (width %.4f), exact $EXACT' % (d['data']['scope']['cost']['read_units'], d['data']['scope']['cost']['segments_read'], d['data']['scope']['cost']['total_segments'], d['data']['sample']['classes']['older_than_30d']['share'], d['data']['sample']['classes']['older_than_30d']['low'], d['data']['sample']['classes']['older_than_30d']['high'], d['data']['sample']['classes']['older_than_30d']['high'] - d['data']['sample']['classes']['older_than_30d']['low'])")
  READ=$(json "$OUT/sample-$N.out" "d['data']['scope']['cost']['items']")
  row "$N" "check-ttl --sample 10000" "$NOTE" "$READ"

  if [ "$N" -le 100000 ]; then
    # The earlier steps, at the sizes they were measured at: one user's full query, a restore's count.
    timed "query-$N" "$EV" -q --env "$ENV" -o ndjson events query --user user-0000 --include-expired
    Q=$(wc -l <"$OUT/query-$N.out")
    row "$N" "events query (one user)" "$Q events, $(echo "$Q / $WALL" | bc -l | cut -d. -f1) events/s"
    timed "restore-$N" "$EV" -q --env "$ENV" -o json pitr-restore --to latest --wait --target "$TABLE-restored"
    row "$N" "pitr-restore verify" "counted $(json "$OUT/restore-$N.out" "d['data']['verification']['item_count']") items"
  fi
  else
    # What the generator wrote: N items, every tenth older than 30 days (and ttl too far).
    python3 -c "import json,sys; n=int(sys.argv[1]); json.dump({'data': {'tally': dict({'scanned': n, 'older_than_30d': {'count': (n + 9) // 10}, 'too_far': {'count': (n + 9) // 10}}, **{k: {'count': 0} for k in ['missing', 'not_number', 'milliseconds', 'too_old', 'expired_recent', 'overdue']})}}, open(sys.argv[2], 'w'))" "$N" "$OUT/full-$N.out"
  fi

  BUCKET="bench-exports-$N"
  "$BENCH_VENV/bin/python" -c "import boto3,sys; boto3.client('s3', endpoint_url=sys.argv[1]).create_bucket(Bucket=sys.argv[2])" "$AWS_ENDPOINT_URL" "$BUCKET" 2>/dev/null || true
  "$EV" -q --env "$ENV" -o json export start --bucket "$BUCKET" --prefix ddb --wait --new >"$OUT/export-$N.out"
  "$BENCH_VENV/bin/python" bench/write_export.py "$AWS_ENDPOINT_URL" "$OUT/export-$N.out" "$FILE" "$TABLE"
  for ENGINE in ${SCALE_ENGINES:-local athena}; do
    # The local engine decodes on a thread per core: once on one core, then on all of them.
    RUNS=("$ENGINE")
    if [ "$ENGINE" = local ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then RUNS=(local-1core local); fi
    for RUN in "${RUNS[@]}"; do
    CORES=()
    [ "$RUN" = local-1core ] && CORES=(taskset -c 0)
    timed "export-$RUN-$N" "${CHECK[@]}" "${CORES[@]}" "$EV" -q --env "$ENV" --no-progress -o json check-ttl --from-export latest --engine "$ENGINE" --athena-output "s3://$BUCKET/athena/"
    SAME=$(python3 - "$OUT/full-$N.out" "$OUT/export-$RUN-$N.out" <<'PY'
import json, sys
a, b = (json.load(open(p))["data"]["tally"] for p in sys.argv[1:])
keys = ["missing", "not_number", "milliseconds", "too_old", "too_far", "expired_recent", "overdue", "older_than_30d"]
same = a["scanned"] == b["scanned"] and all(a[k]["count"] == b[k]["count"] for k in keys)
print(("tallies equal the scan's" if same else "TALLIES DIFFER") + f" ({b['scanned']} items)" + (" (export only: the generator's counts)" if "SCALE_EXPORT_ONLY" in __import__("os").environ else ""))
PY
)
    row "$N" "check-ttl --from-export ($RUN)" "$SAME"
    done
  done
done
