#!/usr/bin/env bash
# Peak RSS of `events import` on hostile inputs (the issue's target: under 200 MB whatever the
# input): 1,000,000 invalid lines, 1,000,000 duplicate lines, 1,000,000 unique valid lines
# (duplicate detection spills to disk past 500,000 keys), /dev/zero (no line break, ever), and
# 500 items of about 390 KB written with 64 batches in flight. Validation-only runs use
# --dry-run; the large-item run writes to the emulator.
# Usage: bench/import-memory.sh [LINES]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${1:-1000000}"
bench_setup
run_id="$(date +%s)"
ENV="bench-mem-$run_id"
"$EV" -q --env "$ENV" table create >/dev/null

python3 - "$N" "$OUT" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(f"{out}/mem-invalid.ndjson", "w") as f:
    for i in range(n):
        f.write('{"user_id": %d, "event_type": "t"}\n' % i)
line = json.dumps({"user_id": "u", "event_type": "t", "timestamp": "2030-01-01T00:00:00Z", "payload": {"a": 1}})
with open(f"{out}/mem-duplicate.ndjson", "w") as f:
    for i in range(n):
        f.write(line + "\n")
with open(f"{out}/mem-unique.ndjson", "w") as f:
    for i in range(n):
        f.write(json.dumps({"user_id": f"u{i % 1000}", "event_type": "t", "event_id": f"e{i}",
                            "timestamp": "2030-01-01T00:00:00Z", "payload": {"i": i}}) + "\n")
big = "x" * (390 * 1024)
with open(f"{out}/mem-big.ndjson", "w") as f:
    for i in range(500):
        f.write(json.dumps({"user_id": f"b{i % 50}", "event_type": "t", "event_id": f"b{i}",
                            "timestamp": "2030-01-01T00:00:00Z", "payload": {"b": big}}) + "\n")
PY

row() { printf '%-34s %10s %9s %10s   %s\n' "$@"; }
echo "machine: $(machine)"
echo "command: bench/import-memory.sh $N   (release build, emulator on loopback)"
row input lines wall_s rss_mb result
# Like lib.sh's `timed`, for commands whose exit code is part of the result (1: invalid lines,
# 64: a line over the cap).
timed_any() {
  local name="$1"; shift
  /usr/bin/time -v -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || true
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$OUT/$name.time")
  RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/$name.time")
}
measure() {
  local name="$1" lines="$2"; shift 2
  local slug
  slug=$(printf '%s' "$name" | tr -c 'a-zA-Z0-9' '-')
  timed_any "mem-$slug" "$@"
  local result
  result=$(python3 -c 'import json,sys
try:
  d=json.load(open(sys.argv[1]))["data"]
  print("read %s, invalid %s, duplicates %s, written %s" % (d.get("read"), d.get("invalid_count"), d.get("duplicate_count"), d.get("written")))
except Exception:
  print(open(sys.argv[2]).read().strip()[:90])' "$OUT/mem-$slug.out" "$OUT/mem-$slug.err")
  row "$name" "$lines" "$WALL" "$(awk -v r="$RSS" 'BEGIN {printf "%.1f", r/1024}')" "$result"
}
measure "invalid (dry run)" "$N" "$EV" -q --env "$ENV" -o json events import "$OUT/mem-invalid.ndjson" --dry-run
measure "duplicate (dry run)" "$N" "$EV" -q --env "$ENV" -o json events import "$OUT/mem-duplicate.ndjson" --dry-run
measure "unique, spilled (dry run)" "$N" "$EV" -q --env "$ENV" -o json events import "$OUT/mem-unique.ndjson" --dry-run
measure "/dev/zero" "-" "$EV" -q --env "$ENV" -o json events import /dev/zero
measure "390 KB items, 64 batches in flight" 500 "$EV" -q --env "$ENV" -o json events import "$OUT/mem-big.ndjson" --concurrency 64
rm -f "$OUT"/mem-*.ndjson
