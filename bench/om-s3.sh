#!/usr/bin/env bash
# file -> om_s3 -> S3 benchmark against the embedded S3-compatible store (S3Proxy, directory backend):
# generates N log lines of about 120 bytes, runs the real agent (./logship --once: im_file -> om_s3),
# checks that every line arrived, and prints events/s, MB/s and peak RSS. Two runs:
#   1. batched: gzip objects (MaxObjectSize 16M), N lines            (default N=1000000)
#   2. per event: one object per event, no compression, N_EVENT lines (default N_EVENT=5000, as bench/run)
# Before timing, the store is brought to its steady speed: a real S3 is always warm, while a fresh S3Proxy JVM
# spends tens of thousands of requests compiling (2.7 ms of CPU per PutObject at first, 0.6-0.7 once warm):
# rounds of curl requests until the store's CPU per request stops falling (bench/lib/warm-store.sh; skipped
# when curl has no --aws-sigv4), then a throwaway agent run of WARM_EVENTS one-event objects (default 2000)
# and a small gzip batch into another prefix. WARM_EVENTS=0: no warm-up at all (a cold store).
# Each run is timed twice:
#   cold (om_s3-batched, om_s3-per-event): a fresh agent JVM, its start-up and JIT warm-up in the wall time;
#   warm JVM (om_s3-batched-warm-jvm, om_s3-per-event-warm-jvm): `./logship bench-once` runs the same job on
#     other data first and then the timed one in the same JVM, as a long-running agent meets a new burst
#     (classes loaded, code compiled); its seconds are that run's, from reading the config to the last
#     object in S3. WARM_JVM=0 skips these. WARM_JOBS=K (default 1) runs K such jobs before the timed one,
#     each on data of its own (a long-running agent's JIT keeps compiling over the first few jobs).
#
#   bench/om-s3.sh                         # both runs in a temporary directory
#   N=200000 N_EVENT=5000 bench/om-s3.sh   # fewer lines
#   MODE=batched bench/om-s3.sh            # only one run (batched | per-event)
#   BENCH_DIR=/data/bench bench/om-s3.sh   # work (and keep files) there
#   LOGSHIP_JAVA_OPTS=-Xmx256m bench/om-s3.sh
#
# Needs bash, awk, gzip and a JDK. Peak RSS is the agent's (not the store's), from /usr/bin/time when
# present, else sampled from /proc/PID/status (VmHWM). Also printed: the agent's CPU time (user + sys) and
# the store's CPU time during the run (it shares the machine's cores with the agent), and the agent's own
# "--once: delivered ..." rates (first event read to last flush, and to the end of the outputs' stop, when
# the last objects are in S3: the RESULT line's pipeline_seconds) when its log has that line.
# Prints one "RESULT scenario=om_s3-<run> events= seconds= bytes= rss_kb=" line per run and timing (bench/run).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/warm-store.sh
. "$ROOT/bench/lib/warm-store.sh"
N="${N:-1000000}"
N_EVENT="${N_EVENT:-5000}"
WARM_EVENTS="${WARM_EVENTS:-2000}"
WARM_JVM="${WARM_JVM:-1}"
WARM_JOBS="${WARM_JOBS:-1}"
MODE="${MODE:-both}"
PORT="${PORT:-0}"
if [ -n "${BENCH_DIR:-}" ]; then
  WORK="$BENCH_DIR"; mkdir -p "$WORK"; KEEP=1
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/logship-om-s3-bench.XXXXXX")"; KEEP=0
fi
S3PID=""
cleanup() {
  [ -n "$S3PID" ] && kill "$S3PID" 2>/dev/null && wait "$S3PID" 2>/dev/null || true
  [ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# om_s3 StopTimeout 600 (below) needs the agent's own stop limit (30 s by default) to be as long.
export LOGSHIP_JAVA_OPTS="${LOGSHIP_JAVA_OPTS:-} -Dlogship.stop.timeout.ms=900000"

# Build first if needed, so the build is not timed.
"$ROOT/logship" --version >/dev/null

# The store: ./logship s3-server on a free loopback port.
if [ "$PORT" = 0 ]; then
  PORT=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 20000) }')
fi
rm -rf "$WORK/s3"
# (fds 3-9 closed: a `flock` around this script must not pass its lock on to the store)
"$ROOT/logship" s3-server --port "$PORT" --dir "$WORK/s3" --bucket bench >"$WORK/s3.log" 2>&1 \
  3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
S3PID=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$WORK/s3.log" 2>/dev/null && break
  kill -0 "$S3PID" 2>/dev/null || { echo "s3-server failed:"; cat "$WORK/s3.log"; exit 1; } >&2
  sleep 0.1
done
ENDPOINT="http://127.0.0.1:$PORT"

gen() { # gen COUNT FILE: ~120-byte lines, each unique
  awk -v n="$1" 'BEGIN {
    t = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 =:/-_.,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (i = 0; i < n; i++) {
      s = (i * 7919) % 60 + 1;
      printf "%010d 2026-11-23T05:00:00Z host%d app[%d]: GET /api/v1/items/%d %s\n", i, i % 8, 1000 + i % 97, i % 100000, substr(t, s, 60 - (i % 13));
    }
  }' > "$2"
}

TICKS=$(getconf CLK_TCK 2>/dev/null || echo 100)
store_cpu() { # the store's CPU time so far, in clock ticks (user + sys)
  awk '{ print $14 + $15 }' "/proc/$S3PID/stat" 2>/dev/null || echo 0
}

conf() { # conf NAME OM_S3_DIRECTIVES...: writes $WORK/NAME/bench.conf reading $WORK/NAME/in.log
  local name="$1"; shift
  local dir="$WORK/$name"
  {
    echo "# generated by bench/om-s3.sh ($name)"
    echo "CacheDir $dir/cache"
    echo "SpoolDir $dir/spool"
    echo "LogLevel INFO"
    echo "<Input in>"
    echo "    Module        im_file"
    echo "    File          \"$dir/in.log\""
    echo "    ReadFromLast  FALSE"
    echo "    PollInterval  0.2"
    echo "</Input>"
    echo "<Output s3>"
    echo "    Module           om_s3"
    echo "    Bucket           bench"
    echo "    Endpoint         $ENDPOINT"
    echo "    PathStyle        TRUE"
    echo "    Region           us-east-1"
    echo "    # the embedded store's loopback-only keys; this file is chmod 600"
    echo "    AccessKeyId      logship"
    echo "    SecretAccessKey  logship-local-secret"
    echo "    Server           $name"
    echo "    # --once ends when every object is in S3 (not merely in the spool), so the time covers the uploads"
    echo "    StopTimeout      600"
    for d in "$@"; do echo "    $d"; done
    echo "</Output>"
    echo "<Route bench>"
    echo "    Path in => s3"
    echo "</Route>"
  } > "$dir/bench.conf"
  chmod 600 "$dir/bench.conf"
}

warm() { # the store's code paths compiled before timing: curl rounds (bench/lib/warm-store.sh), then a
  # throwaway agent run into prefix warmup-* (the requests' om_s3-specific headers and batched uploads)
  [ "$WARM_EVENTS" -gt 0 ] || return 0
  warm_store "$ENDPOINT" bench warmup-curl- "$S3PID" || echo "store warm-up: no curl with --aws-sigv4; agent runs only" >&2
  local t0=$SECONDS
  rm -rf "$WORK/warmup-events" "$WORK/warmup-batch"; mkdir -p "$WORK/warmup-events" "$WORK/warmup-batch"
  gen "$WARM_EVENTS" "$WORK/warmup-events/in.log"
  gen 20000 "$WORK/warmup-batch/in.log"
  conf warmup-events "Compression none" "MaxEventsPerObject 1" "UploadConcurrency 16"
  conf warmup-batch "Compression gzip" "MaxObjectSize 256K"
  "$ROOT/logship" --once -c "$WORK/warmup-events/bench.conf" 2>"$WORK/warmup-events/agent.log"
  "$ROOT/logship" --once -c "$WORK/warmup-batch/bench.conf" 2>"$WORK/warmup-batch/agent.log"
  echo "store warmed up: $WARM_EVENTS one-event objects and a small gzip batch in $((SECONDS - t0)) s (not timed)" >&2
}

verify() { # verify NAME COUNT: every line of $WORK/NAME/in.log is in the objects under NAME/, in order;
  # prints the number of objects. The store keeps objects as files under DIR/BUCKET/KEY; keys sort in
  # write order.
  local name="$1" count="$2" dir="$WORK/$1" objdir="$WORK/s3/bench/$1" got
  case "$name" in
    per-event*) find "$objdir" -type f | LC_ALL=C sort | while read -r f; do cat "$f"; echo; done > "$dir/out.log" ;;
    *) find "$objdir" -type f -name '*.gz' | LC_ALL=C sort | while read -r f; do gzip -dc "$f"; done > "$dir/out.log" ;;
  esac
  if ! cmp -s "$dir/in.log" "$dir/out.log"; then
    got=$(wc -l < "$dir/out.log")
    echo "FAILED: the objects hold $got lines, not the $count written in order (agent log: $dir/agent.log)" >&2
    KEEP=1
    exit 1
  fi
  find "$objdir" -type f | wc -l
}

run() { # run NAME COUNT OM_S3_DIRECTIVES...
  local name="$1" count="$2"; shift 2
  local dir="$WORK/$name"
  rm -rf "$dir"; mkdir -p "$dir"
  gen "$count" "$dir/in.log"
  local bytes; bytes=$(stat -c %s "$dir/in.log")
  conf "$name" "$@"

  echo "bench om_s3 $name: $count lines ($((bytes / 1000000)) MB) to $ENDPOINT" >&2
  local start end rss_kb=0 cpu_user="" cpu_sys="" s3cpu0 s3cpu1
  s3cpu0=$(store_cpu)
  start=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%U %S %M' -o "$dir/rss" "$ROOT/logship" --once -c "$dir/bench.conf" 2>"$dir/agent.log"
    read -r cpu_user cpu_sys rss_kb < <(tail -n 1 "$dir/rss")
  else
    "$ROOT/logship" --once -c "$dir/bench.conf" 2>"$dir/agent.log" &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && [ "$v" -gt "$rss_kb" ] && rss_kb=$v
      sleep 0.05
    done
    wait "$pid"
  fi
  end=$(date +%s%N)
  s3cpu1=$(store_cpu)

  local objects
  objects=$(verify "$name" "$count")
  local wall_ms=$(( (end - start) / 1000000 ))
  awk -v name="$name" -v n="$count" -v bytes="$bytes" -v wall="$wall_ms" -v rss="$rss_kb" -v obj="$objects" 'BEGIN {
    printf "%s: %d events (%.1f MB) in %d objects, %.2f s wall (JVM start-up and stop included)\n", name, n, bytes / 1e6, obj, wall / 1000;
    printf "  events/s: %.0f   MB/s: %.1f   peak RSS: %.0f MB   (every line in S3, in order)\n", n / (wall / 1000), bytes / 1e6 / (wall / 1000), rss / 1024;
  }'
  if [ -n "$cpu_user" ]; then
    echo "  agent CPU: $cpu_user s user + $cpu_sys s sys"
  fi
  awk -v t="$((s3cpu1 - s3cpu0))" -v hz="$TICKS" -v obj="$objects" 'BEGIN {
    printf "  store CPU meanwhile: %.2f s (%.2f ms per object)\n", t / hz, (obj > 0 ? t / hz * 1000 / obj : 0) }'
  # The agent's own figures (JVM start excluded), when it logs them: first event read to last flush (for
  # om_s3: in S3 or durable in its spool), and to the outputs' stop (every object in S3): the second is
  # this scenario's pipeline_seconds.
  local steady pipe
  steady=$(grep -o -- '--once: delivered .*' "$dir/agent.log" | tail -n 1 || true)
  [ -n "$steady" ] && echo "  agent: $steady"
  pipe=$(sed -n "s/.*to last flush; \([0-9.]*\) s (.*/\1/p" "$dir/agent.log" | tail -n 1)
  echo "RESULT scenario=om_s3-$name events=$count seconds=$(awk -v w="$wall_ms" 'BEGIN { printf "%.3f", w / 1000 }') bytes=$bytes rss_kb=$rss_kb${pipe:+ pipeline_seconds=$pipe}"
}

run_warm() { # run_warm NAME COUNT OM_S3_DIRECTIVES...: the same run on a warm JVM (see the header)
  local name="$1" count="$2"; shift 2
  local first="$name-jvm-warmup" timed="$name-warm-jvm" n i
  local -a warmups=("$first") confs=()
  for ((i = 2; i <= WARM_JOBS; i++)); do warmups+=("$first-$i"); done
  for n in "${warmups[@]}" "$timed"; do
    rm -rf "${WORK:?}/$n"; mkdir -p "$WORK/$n"
    conf "$n" "$@"
    confs+=("$WORK/$n/bench.conf")
  done
  gen "$count" "$WORK/$first/in.log"
  for n in "${warmups[@]:1}" "$timed"; do
    cp "$WORK/$first/in.log" "$WORK/$n/in.log" # the same lines; the Server (prefix) differs
  done
  local dir="$WORK/$timed" bytes rss_kb=0
  bytes=$(stat -c %s "$dir/in.log")
  echo "bench om_s3 $timed: $count lines ($((bytes / 1000000)) MB) to $ENDPOINT, after ${#warmups[@]} job(s) like it in the same JVM" >&2
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$dir/rss" "$ROOT/logship" bench-once "${confs[@]}" > "$dir/bench-once.out" 2> "$dir/agent.log"
    rss_kb=$(tail -n 1 "$dir/rss")
  else
    "$ROOT/logship" bench-once "${confs[@]}" > "$dir/bench-once.out" 2> "$dir/agent.log"
  fi
  local secs objects pipe
  secs=$(sed -n "s|^bench-once: $dir/bench.conf exit 0 in \([0-9.]*\) s|\1|p" "$dir/bench-once.out")
  [ -n "$secs" ] || { echo "FAILED: no timing for $timed (see $dir/bench-once.out, $dir/agent.log)" >&2; KEEP=1; exit 1; }
  objects=$(verify "$timed" "$count")
  awk -v name="$timed" -v n="$count" -v bytes="$bytes" -v s="$secs" -v obj="$objects" 'BEGIN {
    printf "%s: %d events (%.1f MB) in %d objects, %.2f s (config to stop, on a JVM that ran the same job before)\n", name, n, bytes / 1e6, obj, s;
    printf "  events/s: %.0f   MB/s: %.1f   (every line in S3, in order)\n", n / s, bytes / 1e6 / s }'
  grep -o -- '--once: delivered .*' "$dir/agent.log" | tail -n 1 | sed 's/^/  agent: /' || true
  pipe=$(sed -n "s/.*to last flush; \([0-9.]*\) s (.*/\1/p" "$dir/agent.log" | tail -n 1)
  echo "RESULT scenario=om_s3-$timed events=$count seconds=$secs bytes=$bytes rss_kb=$rss_kb${pipe:+ pipeline_seconds=$pipe}"
}

warm
runners=(run)
[ "$WARM_JVM" = 1 ] && runners+=(run_warm)
for runner in "${runners[@]}"; do
  case "$MODE" in
    both|batched) "$runner" batched "$N" "Compression gzip" "MaxObjectSize 16M" "FlushInterval 10" ;;
  esac
  case "$MODE" in
    both|per-event) "$runner" per-event "$N_EVENT" "Compression none" "MaxEventsPerObject 1" "UploadConcurrency 16" ;;
  esac
done
