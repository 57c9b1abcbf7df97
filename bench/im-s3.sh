#!/usr/bin/env bash
# bench/im-s3.sh: S3 -> im_s3 -> om_file against the embedded S3 store (S3Proxy, filesystem backend).
#   1. LINES lines (default 1,000,000) in GZ_OBJECTS large gzip objects (default 4)
#   2. SMALL one-line objects (default 5,000)
# For each it runs `./logship --once -c <generated conf>` and prints events/s, objects/s, MB/s, the
# agent's peak RSS and the CPU seconds of the agent and of the store. Needs only bash, awk, gzip and a JDK.
#
# The store is warmed first (a real S3 is always warm; S3Proxy in a fresh JVM spends several times more
# CPU per request until its JIT has compiled the request path, for tens of thousands of requests): rounds
# of curl requests until its CPU per request stops falling (bench/lib/warm-store.sh; skipped when curl has
# no --aws-sigv4), then an untimed agent run reads WARM one-line objects under warm/.
# Each scenario is timed twice: cold (a new agent JVM, its start-up and JIT warm-up in the wall figure)
# and on a warm JVM (`./logship bench-once` reads the same objects under another prefix first, then the
# timed prefix in the same JVM, as a long-running agent meets a new burst; scenario names end in
# -warm-jvm; WARM_JVM=0 skips them; WARM_JOBS=K, default 1, reads the warm-up prefix K times first, each
# time as a new input, before the timed prefix).
#
#   bench/im-s3.sh            the real agent (needs the host runtime, parser and om_file)
#   bench/im-s3.sh --module   im_s3 alone in one JVM (test driver ImS3Bench, no host, no output)
#
# Environment: LINES, GZ_OBJECTS, SMALL, WORKERS (im_s3 Workers, default 16), PORT (default random),
# SCENARIOS (default "gzip small"), WARM (objects read to warm the store, default 10000; 0: none),
# KEEP=1 keeps the work directory.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/warm-store.sh
. "$ROOT/bench/lib/warm-store.sh"
LINES="${LINES:-1000000}"
GZ_OBJECTS="${GZ_OBJECTS:-4}"
SMALL="${SMALL:-5000}"
WORKERS="${WORKERS:-16}"
WARM="${WARM:-10000}"
WARM_JVM="${WARM_JVM:-1}"
WARM_JOBS="${WARM_JOBS:-1}"

if [ "${1:-}" = "--module" ]; then
  cd "$ROOT"
  ./mvnw -B -ntp -q -pl s3-input -am test-compile >/dev/null
  ./mvnw -B -ntp -q -pl s3-input dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=s3-input/target/bench.cp >/dev/null
  CP="s3-input/target/test-classes:s3-input/target/classes:$(cat s3-input/target/bench.cp)"
  # reactor siblings from their target/classes rather than whatever is installed in ~/.m2
  for m in plugin-api s3-common embedded-s3; do CP="$m/target/classes:$CP"; done
  java -Xmx512m -cp "$CP" io.logship.s3.input.ImS3Bench gzip "$LINES" "$GZ_OBJECTS" 2>/dev/null | grep -v '^metrics\|^latency'
  java -Xmx512m -cp "$CP" io.logship.s3.input.ImS3Bench small "$SMALL" "$WORKERS" 2>/dev/null | grep -v '^metrics\|^latency'
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/im-s3-bench.XXXXXX")"
PORT="${PORT:-$((20000 + RANDOM % 20000))}"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

gen_lines() { # first count
  awk -v s="$1" -v n="$2" 'BEGIN { for (i = s; i < s + n; i++)
    printf "2026-11-23T04:51:%02d.%03dZ web-%d app[%d]: GET /api/v1/items/%d status=%d bytes=%d id=%d\n",
      int(i / 1000) % 60, i % 1000, i % 17, 1000 + i % 97, (i * 7919) % 100000, (i % 50 == 0) ? 500 : 200,
      (i * 31) % 65536, i }'
}

# The store keeps each bucket as a directory and each object as a file: the data is written there
# before the store starts (no upload client needed).
echo "generating $LINES lines in $GZ_OBJECTS gzip objects and $SMALL one-line objects in $WORK ..."
mkdir -p "$WORK/s3/bench/big" "$WORK/s3/bench/small" "$WORK/s3/bench/warm"
per=$((LINES / GZ_OBJECTS))
big_bytes=0
for ((o = 0; o < GZ_OBJECTS; o++)); do
  gen_lines $((o * per)) "$per" | tee >(wc -c > "$WORK/bytes.$o") | gzip -1 > "$WORK/s3/bench/big/$(printf %03d $o).log.gz"
done
sleep 0.2
for ((o = 0; o < GZ_OBJECTS; o++)); do big_bytes=$((big_bytes + $(cat "$WORK/bytes.$o"))); done
gen_lines 0 "$SMALL" | awk -v dir="$WORK/s3/bench/small" '{ f = sprintf("%s/%07d.log", dir, NR); print > f; close(f) }'
small_bytes=$(gen_lines 0 "$SMALL" | wc -c)
if [ "$WARM_JVM" = 1 ]; then # the same objects under other prefixes: a warm-up job and the timed one, one JVM
  for d in big small; do
    cp -r "$WORK/s3/bench/$d" "$WORK/s3/bench/$d-jvm-warmup"; cp -r "$WORK/s3/bench/$d" "$WORK/s3/bench/$d-warm-jvm"
  done
fi
gen_lines 0 "$WARM" | awk -v dir="$WORK/s3/bench/warm" '{ f = sprintf("%s/%07d.log", dir, NR); print > f; close(f) }'

"$ROOT/logship" s3-server --port "$PORT" --dir "$WORK/s3" --bucket bench > "$WORK/s3-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.1
done

# CPU seconds (user+sys, children included) of a running process, from /proc
proc_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# runs a command under /usr/bin/time; prints "wall_s user_s sys_s peak_kB"
run_measured() {
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.out" "$@"
  cat "$WORK/time.out"
}

write_conf() { # name prefix
  local name=$1 prefix=$2 conf="$WORK/$1.conf" out="$WORK/$1.out"
  mkdir -p "$WORK/$name-cache" "$WORK/$name-spool"
  cat > "$conf" <<CONF
CacheDir $WORK/$name-cache
SpoolDir $WORK/$name-spool
LogFile  $WORK/$name.agent.log
<Input s3in>
    Module          im_s3
    Bucket          bench
    Prefix          $prefix
    Endpoint        http://127.0.0.1:$PORT
    Region          us-east-1
    PathStyle       TRUE
    ChecksumMode    when_required
    AccessKeyId     logship
    SecretAccessKey logship-local-secret
    Workers         $WORKERS
    PollInterval    1
</Input>
<Output out>
    Module  om_file
    File    "$out"
</Output>
<Route r>
    Path    s3in => out
</Route>
CONF
  chmod 600 "$conf"
}

bench() { # name prefix events objects bytes [warm-jvm]
  local name=$1 prefix=$2 events=$3 objects=$4 bytes=$5 jvm=${6:-} conf="$WORK/$1.conf" out="$WORK/$1.out"
  write_conf "$name" "$prefix"
  local s0 s1 secs user sys peak
  if [ -n "$jvm" ]; then
    # the same job on other keys first (WARM_JOBS times, each with a cache of its own), in the same JVM;
    # the timed seconds are the last run's
    local -a confs=() ; local i
    for ((i = 1; i <= WARM_JOBS; i++)); do
      write_conf "$name-jvm-warmup-$i" "${prefix%/}-jvm-warmup/"; confs+=("$WORK/$name-jvm-warmup-$i.conf")
    done
    name="$name-warm-jvm"; write_conf "$name" "${prefix%/}-warm-jvm/"; conf="$WORK/$name.conf"; out="$WORK/$name.out"
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.out" "$ROOT/logship" bench-once "${confs[@]}" "$conf" \
      > "$WORK/$name.bench-once"
    read -r secs user sys peak < "$WORK/time.out"
    secs=$(sed -n "s|^bench-once: $conf exit 0 in \([0-9.]*\) s|\1|p" "$WORK/$name.bench-once")
    user=0 sys=0 s0=0 s1=0
  else
    s0=$(proc_cpu "$SERVER_PID")
    read -r secs user sys peak < <(run_measured "$ROOT/logship" --once -c "$conf")
    s1=$(proc_cpu "$SERVER_PID")
  fi
  local got
  got=$(wc -l < "$out")
  if [ "$got" -ne "$events" ]; then
    echo "$name: FAILED: $got events in $out, expected $events" >&2
    return 1
  fi
  awk -v n="$name" -v e="$events" -v o="$objects" -v b="$bytes" -v s="$secs" -v p="$peak" -v u="$user" \
      -v y="$sys" -v sc="$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" 'BEGIN {
    printf "im_s3 %-6s %9d events %6d objects in %6.2f s: %10.0f events/s %8.0f objects/s %7.1f MB/s  peak RSS %d MB\n",
      n, e, o, s, e / s, o / s, b / 1e6 / s, p / 1024
    if (u + y + sc > 0) printf "im_s3 %-6s CPU: agent %.2f s user + %.2f s sys, store (S3Proxy) %.2f s\n", n, u, y, sc }'
  # the agent's own steady figure (first event read to last flush), when the runtime logs it
  grep -ho -- '--once: delivered.*' "$WORK/$name.agent.log" 2>/dev/null | sed "s/^/im_s3 $name agent: /" || true
  local pipe scen
  pipe=$(sed -n 's/.*--once: delivered [0-9]* events in \([0-9.]*\) s.*/\1/p' "$WORK/$name.agent.log" 2>/dev/null | tail -n 1)
  scen=im_s3-gzip-large-objects; [ "${name%-warm-jvm}" = small ] && scen=im_s3-one-line-objects
  [ -n "$jvm" ] && scen="$scen-warm-jvm"
  echo "RESULT scenario=$scen events=$events seconds=$secs bytes=$bytes rss_kb=$peak${pipe:+ pipeline_seconds=$pipe}"
}

if [ "$WARM" -gt 0 ]; then
  warm_store "http://127.0.0.1:$PORT" bench warmup-curl- "$SERVER_PID" || echo "store warm-up: no curl with --aws-sigv4; agent run only"
  write_conf warm warm/
  w0=$(proc_cpu "$SERVER_PID")
  "$ROOT/logship" --once -c "$WORK/warm.conf"
  echo "store warmed: $WARM objects read (untimed) in $(awk -v a="$w0" -v b="$(proc_cpu "$SERVER_PID")" \
    'BEGIN { print b - a }') s of store CPU"
fi

jvms=("")
[ "$WARM_JVM" = 1 ] && jvms+=(warm-jvm)
for jvm in "${jvms[@]}"; do
  for scenario in ${SCENARIOS:-gzip small}; do
    case "$scenario" in
      gzip) bench gzip big/ "$LINES" "$GZ_OBJECTS" "$big_bytes" ${jvm:+"$jvm"} ;;
      small) bench small small/ "$SMALL" "$SMALL" "$small_bytes" ${jvm:+"$jvm"} ;;
    esac
  done
done
