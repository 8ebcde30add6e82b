# Shared by the bench scripts: a release build, the emulator, and timing helpers.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"

bench_setup() {
  # EVENTSCTL_BENCH_BIN benches a binary already built (a release build takes minutes);
  # BENCH_PROFILE=dev checks a bench script quickly against the debug build (numbers not for quoting);
  # BENCH_PROFILE=bench-build is the release profile with thin LTO (Cargo.toml), for measuring.
  # BENCH_BINS adds cargo arguments to the same build (compare.sh: the bare-SDK probe).
  local profile="${BENCH_PROFILE:-release}" dir
  dir="$(bench_dir "$profile")"
  if [ -n "${EVENTSCTL_BENCH_BIN:-}" ]; then
    EV="$EVENTSCTL_BENCH_BIN"
  else
    # shellcheck disable=SC2086
    cargo build --quiet --profile "$profile" --bin eventsctl ${BENCH_BINS:-}
    EV="$dir/eventsctl"
  fi
  scripts/emulator.sh start
  export AWS_ENDPOINT_URL="$(scripts/emulator.sh endpoint)"
  # BENCH_PIN=1: the emulator (and its threads) on CPU 0, the measured clients on CPU 1
  # (`timed` runs them under taskset), so that neither side's CPU time includes being moved
  # between cores or sharing one with the emulator. Both tools of a comparison run the same way.
  PIN=()
  if [ -n "${BENCH_PIN:-}" ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    taskset -a -p -c 0 "$(cat .emulator/pid)" >/dev/null
    PIN=(taskset -c 1)
  fi
  export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
  export AWS_EC2_METADATA_DISABLED=true
  unset AWS_PROFILE EVENTSCTL_ENV || true
}

# bench_dir PROFILE: where cargo puts that profile's binaries.
bench_dir() {
  local target="${CARGO_TARGET_DIR:-$ROOT/target}"
  case "$1" in dev) echo "$target/debug" ;; *) echo "$target/$1" ;; esac
}

# Bench-only Python packages (boto3, awscli) get a venv of their own: their botocore must not
# replace the one the emulator pins.
BENCH_VENV="$ROOT/.venv-bench"
bench_pip() {
  [ -x "$BENCH_VENV/bin/python" ] || python3 -m venv "$BENCH_VENV"
  "$BENCH_VENV/bin/pip" install --quiet --disable-pip-version-check "$@"
}

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets WALL (s), CPU (user+sys s), RSS (KB).
timed() {
  local name="$1"; shift
  /usr/bin/time -v -o "$OUT/$name.time" "${PIN[@]}" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || {
    echo "bench: $name failed:" >&2; tail -5 "$OUT/$name.err" >&2; return 1; }
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$OUT/$name.time")
  CPU=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$OUT/$name.time")
  RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/$name.time")
}

machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
}

# gen_events N FILE: N synthetic events as NDJSON (500 users, three event types, a small payload).
gen_events() {
  "$BENCH_VENV/bin/python" - "$1" >"$2" <<'PY'
import json, sys
from datetime import datetime, timedelta, timezone
n = int(sys.argv[1]); base = datetime.now(timezone.utc) - timedelta(days=1)
for i in range(n):
    ts = (base + timedelta(milliseconds=i)).isoformat().replace("+00:00", "Z")
    print(json.dumps({"user_id": f"user-{i % 500}", "event_type": ["click", "view", "signup"][i % 3],
                      "event_id": f"evt-{i}", "timestamp": ts, "payload": {"i": i, "path": "/inbox", "ok": True}}))
PY
}

# median: the median of the numbers on stdin, one a line.
median() { sort -g | awk '{a[NR]=$1} END {printf "%.4f\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
