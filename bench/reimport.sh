#!/usr/bin/env bash
# The cost of never replacing a stored event that differs: an import of N events (conditional
# INSERTs, no read), the same import again (its first group refused and read back, the rest read
# first: everything found present, nothing written), and the first import with --overwrite
# (blind BatchWriteItem). Same emulator, same file, fresh tables.
# Usage: bench/reimport.sh [N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${1:-20000}"
bench_setup
FILE="$OUT/reimport-$N.ndjson"
python3 - "$N" >"$FILE" <<'PY'
import json, sys
from datetime import datetime, timedelta, timezone
n = int(sys.argv[1]); base = datetime.now(timezone.utc) - timedelta(days=1)
for i in range(n):
    ts = (base + timedelta(milliseconds=i)).isoformat().replace("+00:00", "Z")
    print(json.dumps({"user_id": f"user-{i % 500}", "event_type": "click", "event_id": f"evt-{i}",
                      "timestamp": ts, "payload": {"i": i, "path": "/inbox"}}))
PY
run_id="$(date +%s)"
A="bench-re-$run_id"; B="bench-ow-$run_id"
"$EV" -q --env "$A" table create >/dev/null
"$EV" -q --env "$B" table create >/dev/null
echo "machine: $(machine)"
echo "command: bench/reimport.sh $N   (release build, emulator on loopback, --concurrency 4)"
printf '%-38s %8s %12s %14s %10s %10s\n' run wall_s items_per_s cpu_s_per_1000 written present
go() {
  local name="$1"; shift
  timed "re-$name" "$@"
  python3 - "$OUT/re-$name.out" "$name" "$N" "$WALL" "$CPU" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["data"]; n = int(sys.argv[3]); w = float(sys.argv[4]); c = float(sys.argv[5])
print("%-38s %8.2f %12.0f %14.3f %10d %10d" % (sys.argv[2], w, n / w, c * 1000 / n, d["written"], d["already_present"]))
PY
}
go "first import (conditional inserts)" "$EV" -q --env "$A" --no-progress -o json events import "$FILE"
go "same file again (all present)" "$EV" -q --env "$A" --no-progress -o json events import "$FILE"
go "first import --overwrite (blind)" "$EV" -q --env "$B" --no-progress -o json events import "$FILE" --overwrite
rm -f "$FILE"
