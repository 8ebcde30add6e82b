#!/usr/bin/env bash
# Scale: a 10,000- and a 100,000-item table; for each, `check-ttl --full`, a full `events query`
# of the largest user, and a `pitr-restore` verification count. Wall time, items/s and peak RSS
# (/usr/bin/time -v): memory must stay flat when the table grows 10x.
# Usage: bench/scale.sh [SIZES...]   (default: 10000 100000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SIZES=("${@:-10000 100000}")
[ "$#" -gt 0 ] || SIZES=(10000 100000)
bench_setup

echo "machine: $(machine)"
echo "command: bench/scale.sh ${SIZES[*]}   (emulator: ministack on loopback, release build)"
printf '%-10s %-28s %10s %12s %10s\n' items step wall_s items_per_s rss_kb
for N in "${SIZES[@]}"; do
  ENV="scale-$N-$(date +%s)"
  FILE="$OUT/scale-$N.ndjson"
  # One user in five writes: the "largest user" holds 20% of the table.
  python3 - "$N" >"$FILE" <<'PY'
import json, sys
from datetime import datetime, timedelta, timezone
n = int(sys.argv[1]); base = datetime.now(timezone.utc) - timedelta(days=2)
for i in range(n):
    user = "big-user" if i % 5 == 0 else f"user-{i % 997}"
    ts = (base + timedelta(milliseconds=i * 10)).isoformat().replace("+00:00", "Z")
    print(json.dumps({"user_id": user, "event_type": "t", "event_id": f"e{i}", "timestamp": ts, "payload": {"i": i}}))
PY
  "$EV" -q --env "$ENV" table create >/dev/null
  timed "import-$N" "$EV" -q --env "$ENV" --no-progress events import "$FILE" --concurrency 8
  printf '%-10s %-28s %10.2f %12.0f %10d\n' "$N" "events import" "$WALL" "$(echo "$N / $WALL" | bc -l)" "$RSS"
  timed "ttl-$N" "$EV" -q --env "$ENV" --no-progress -o json check-ttl --full
  printf '%-10s %-28s %10.2f %12.0f %10d\n' "$N" "check-ttl --full" "$WALL" "$(echo "$N / $WALL" | bc -l)" "$RSS"
  timed "query-$N" "$EV" -q --env "$ENV" -o ndjson events query --user big-user --include-expired
  Q=$(wc -l <"$OUT/query-$N.out")
  printf '%-10s %-28s %10.2f %12.0f %10d\n' "$N" "events query (largest user)" "$WALL" "$(echo "$Q / $WALL" | bc -l)" "$RSS"
  timed "restore-$N" "$EV" -q --env "$ENV" -o json pitr-restore --to latest --wait --target "zapier-triggers-api-$ENV-events-restored"
  C=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['data']['verification']['item_count'])" "$OUT/restore-$N.out")
  printf '%-10s %-28s %10.2f %12.0f %10d   (counted %s items)\n' "$N" "pitr-restore verify" "$WALL" "$(echo "$N / $WALL" | bc -l)" "$RSS" "$C"
done
