#!/usr/bin/env bash
# bench/steady.sh: logship in steady state against a peer measured the same way in the same run.
#
#   bench/steady.sh                          # the four scenarios, 2 rounds each (A B A B)
#   bench/steady.sh out-events in-events     # only these scenarios
#   STEADY_LINES=200000 STEADY_EVENTS=1000 STEADY_OBJECTS=1000 bench/steady.sh   # a quick run
#   FLUENT_BIT=/path/to/fluent-bit bench/steady.sh out-batched
#   bench/run steady                         # the same, its RESULT lines in bench/run's table
#
# Scenarios (the agent is a long-running `./logship -c CONF`, the S3 peer `./logship s3-server`):
#   out-batched  im_file -> om_s3, gzip-6 objects of up to 16 MB (uncompressed), STEADY_LINES lines
#                (default 2000000). Peer: Fluent Bit, tail -> s3 (gzip, PutObject, total_file_size 16M,
#                upload_timeout 1s). Needs FLUENT_BIT=/path/to/fluent-bit, else the peer is skipped.
#   out-events   im_file -> om_s3, one object per event, STEADY_EVENTS events (default 5000).
#                Peer: `rclone copy --transfers 16` of as many one-line files.
#   in-events    im_s3 -> om_file, STEADY_OBJECTS one-line objects (default 3000).
#                Peer: `rclone copy --transfers 16` of the prefix to a local directory.
#   in-gzip      im_s3 -> om_file, 4 gzip-6 objects of STEADY_LINES lines in all.
#                Peer: `rclone copy --transfers 16` of the 4 objects, then zcat into one file.
# A round of a scenario runs logship and then its peer (STEADY_ROUNDS rounds, default 2). For logship:
# start the agent, send a warm-up burst (a quarter of the timed one, at least STEADY_WARM events, default
# 40000) and wait for its last event at the destination, then read the agent's and the store's CPU
# (utime + stime from /proc/PID/stat, and the agent's JIT compiler threads' apart), send the timed burst and take the time from its first byte to its last event at the
# destination, read both CPUs again and the agent's peak RSS (VmHWM), stop the agent. "At the destination":
# file -> S3, the objects under the round's prefix hold every line (gzip: the sizes in their trailers; one
# object per event: their number); S3 -> file, the output file has every byte. A burst into S3 for im_s3
# is objects uploaded under a staging prefix beforehand (not timed) and then renamed into the prefix the
# agent lists, in the store's directory, at once. Fluent Bit runs the same way (warm-up burst, then the
# timed one); rclone is a command per transfer, so its warm-up is one transfer of at most 5000 objects
# (it warms the store) and its figures are the whole timed command's (wall time, CPU and peak RSS of
# rclone and zcat).
# Every round checks that the data arrived whole (line or object counts; S3 -> file byte-identical).
#
# Prints a table per round and one per scenario (the mean of the rounds) with events/s, CPU ms per 1,000
# events (agent; store), peak RSS, and logship's ratio to the peer (events/s, and CPU per event). Also one
# "RESULT scenario=steady-<name> events= seconds= bytes= rss_kb=" line per logship round (bench/run).
#
# Environment: STEADY_LINES, STEADY_EVENTS, STEADY_OBJECTS, STEADY_ROUNDS (above); FLUENT_BIT (a
# fluent-bit binary: build Fluent Bit 5.1 from https://github.com/fluent/fluent-bit with
#   apt-get install libsqlite3-dev flex bison libssl-dev libyaml-dev cmake
#   cd fluent-bit/build && cmake -DFLB_PREFER_SYSTEM_LIB_SQLITE=On -DFLB_LUAJIT=Off -DFLB_WASM=Off \
#     -DFLB_KAFKA=Off -DFLB_EXAMPLES=Off -DFLB_TESTS_RUNTIME=Off -DFLB_TESTS_INTERNAL=Off \
#     -DFLB_USE_SIMDUTF=No .. && make fluent-bit-bin      # (GCC 12 does not build its simdutf copy)
# then FLUENT_BIT=$PWD/bin/fluent-bit; about 15 minutes on 2 cores); RCLONE (default rclone; Debian: apt-get install rclone);
# BENCH_DIR (scratch directory, default a temporary one, removed at the end); STORE_WARM=0 skips the
# store's curl warm-up rounds (bench/lib/warm-store.sh); LOGSHIP_JAVA_OPTS (the agent's JVM options);
# STEADY_JFR=DIR records each logship burst with JDK Flight Recorder (bench/jfr-top.sh summarises it);
# STEADY_VARIANTS="NAME=JVM OPTIONS;NAME=JVM OPTIONS" runs logship once per entry in each round, each
# entry's options added to LOGSHIP_JAVA_OPTS (rows logship:NAME), to compare JVM settings in one run;
# STEADY_THREADS=1 prints the agent's CPU per thread for each burst; STEADY_OM_S3="Directive value;..." adds
# om_s3 lines to both file -> S3 scenarios (e.g. STEADY_OM_S3="UploadConcurrency 16").
# Needs bash, awk, gzip, /usr/bin/time (Debian package time) and a JDK.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/warm-store.sh
. "$ROOT/bench/lib/warm-store.sh"
LINES="${STEADY_LINES:-2000000}"
EVENTS="${STEADY_EVENTS:-5000}"
OBJECTS="${STEADY_OBJECTS:-3000}"
ROUNDS="${STEADY_ROUNDS:-2}"
RCLONE="${RCLONE:-rclone}"
FLUENT_BIT="${FLUENT_BIT:-}"
HZ=$(getconf CLK_TCK)
if [ -n "${BENCH_DIR:-}" ]; then
  WORK="$BENCH_DIR"; mkdir -p "$WORK"; KEEP=1
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/logship-steady.XXXXXX")"; KEEP=0
fi
ROWS="$WORK/rows.txt"
: >"$ROWS"
S3PID=""
AGENT=""
cleanup() {
  [ -n "$AGENT" ] && kill "$AGENT" 2>/dev/null && wait "$AGENT" 2>/dev/null || true
  [ -n "$S3PID" ] && kill "$S3PID" 2>/dev/null && wait "$S3PID" 2>/dev/null || true
  [ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
die() { echo "bench/steady: $*" >&2; KEEP=1; exit 1; }
say() { echo "$*" >&2; }

command -v "$RCLONE" >/dev/null || die "no rclone ($RCLONE): apt-get install rclone, or set RCLONE"
[ -x /usr/bin/time ] || die "no /usr/bin/time: apt-get install time"
if [ -n "$FLUENT_BIT" ] && [ ! -x "$FLUENT_BIT" ]; then die "FLUENT_BIT=$FLUENT_BIT is not an executable"; fi

# ---------------------------------------------------------------- measuring

# cpu_ms, jit_ms, jit_delta, hwm_kb, now_ns: bench/lib/proc-stats.sh (shared with bench/nxlog-lang.sh)
# shellcheck source=lib/proc-stats.sh
. "$ROOT/bench/lib/proc-stats.sh"
# wait_until: bench/lib/wait.sh
# shellcheck source=lib/wait.sh
. "$ROOT/bench/lib/wait.sh"

# gz_bytes_at_least DIR BYTES: the gzip objects under DIR hold BYTES uncompressed bytes or more (each
# object is one gzip member: its trailer's ISIZE is its size). Objects already read are remembered.
declare -A GZ_SEEN=()
GZ_TOTAL=0
gz_bytes_at_least() {
  local f n
  [ -d "$1" ] || return 1
  while IFS= read -r f; do
    [ -n "${GZ_SEEN[$f]:-}" ] && continue
    n=$(tail -c 4 "$f" | od -An -tu4 | tr -d ' ')
    [ -n "$n" ] || continue
    GZ_SEEN[$f]=$n
    GZ_TOTAL=$(( GZ_TOTAL + n ))
  done < <(find "$1" -type f -name '*.gz' 2>/dev/null)
  [ "$GZ_TOTAL" -ge "$2" ]
}
files_at_least() { [ -d "$1" ] && [ "$(find "$1" -type f | wc -l)" -ge "$2" ]; }
size_at_least() { [ -f "$1" ] && [ "$(stat -c %s "$1")" -ge "$2" ]; }

# row SCENARIO TOOL ROUND EVENTS NS AGENT_CPU_MS STORE_CPU_MS RSS_KB JIT_CPU_MS (- for a peer)
row() { echo "$*" >>"$ROWS"; }

# ---------------------------------------------------------------- data

# warm_size N: events of the warm-up burst before a timed burst of N: a quarter of N, at least STEADY_WARM
# (default 40000: the JIT keeps compiling the per-request path for tens of thousands of requests; measured
# here, JIT CPU per one-event PutObject in the timed burst was 0.49 ms after 5,000 warm-up requests and
# 0.08 ms after 40,000). A peer's warm-up (rclone, a new process per transfer) only warms the store: at most
# 5000 (peer_warm_size).
warm_size() { local w=$(( $1 / 4 )) m="${STEADY_WARM:-40000}"; echo $(( w > m ? w : m )); }
peer_warm_size() { local w; w=$(warm_size "$1"); echo $(( w < 5000 ? w : 5000 )); }

gen() { # gen COUNT FILE TAG: COUNT lines of about 120 bytes, each unique (TAG and the line number)
  awk -v n="$1" -v tag="$3" 'BEGIN {
    split("sshd kernel postgres nginx cron systemd", prog, " ")
    for (i = 1; i <= n; i++)
      printf "Dec  2 04:%02d:%02d web%02d %s[%d]: %s id=%09d user=u%05d path=/api/v1/items/%06d status=200 bytes=%05d\n",
        (i / 60) % 60, i % 60, i % 7, prog[1 + i % 6], 1000 + i % 9000, tag, i, i % 50000, i % 999983, i % 65536
  }' >"$2"
}
split_files() { # split_files FILE DIR: one file per line of FILE, named 0000001.log ... (no newline at the end)
  mkdir -p "$2"
  awk -v d="$2" '{ f = sprintf("%s/%07d.log", d, NR); printf "%s", $0 > f; close(f) }' "$1"
}

# ---------------------------------------------------------------- the store and the peers' settings

export AWS_ACCESS_KEY_ID=logship AWS_SECRET_ACCESS_KEY=logship-local-secret AWS_REGION=us-east-1
"$ROOT/logship" --version >/dev/null   # builds if needed, before anything is timed
PORT=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 20000) }')
S3DIR="$WORK/s3"
BUCKET_DIR="$S3DIR/bench"
"$ROOT/logship" s3-server --port "$PORT" --dir "$S3DIR" --bucket bench >"$WORK/s3.log" 2>&1 \
  3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
S3PID=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$WORK/s3.log" 2>/dev/null && break
  kill -0 "$S3PID" 2>/dev/null || die "s3-server failed: $(cat "$WORK/s3.log")"
  sleep 0.1
done
ENDPOINT="http://127.0.0.1:$PORT"
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="$ENDPOINT" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=logship RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=logship-local-secret \
  RCLONE_CONFIG_BENCH_REGION=us-east-1 RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true RCLONE_CONFIG=/dev/null
if [ "${STORE_WARM:-1}" != 0 ]; then
  warm_store "$ENDPOINT" bench warmup-curl- "$S3PID" || say "store warm-up: no curl with --aws-sigv4; warm-up bursts only"
  rm -rf "$BUCKET_DIR"/warmup-curl-*
fi

# (AWS_CA_BUNDLE, when set, makes rclone refuse its own HTTP transport; the store is plain HTTP on loopback)
rclone() { env -u AWS_CA_BUNDLE "$RCLONE" "$@"; }
rclone_up() { rclone copy --transfers 16 "$1" "bench:bench/$2"; }     # rclone_up DIR PREFIX
rclone_down() { rclone copy --transfers 16 "bench:bench/$1" "$2"; }   # rclone_down PREFIX DIR

# stage LOCALDIR PREFIX: uploads LOCALDIR under staging-PREFIX (not timed); publish PREFIX TARGET renames
# it into TARGET (a key prefix) in the store's directory, the objects appearing at once.
stage() { rclone_up "$1" "staging-$2" >>"$WORK/rclone.log" 2>&1 || die "staging upload failed"; }
publish() { mkdir -p "$(dirname "$BUCKET_DIR/$2")"; mv "$BUCKET_DIR/staging-$1" "$BUCKET_DIR/$2"; }

# ---------------------------------------------------------------- logship

agent_conf() { # agent_conf DIR INPUT_BLOCK OUTPUT_BLOCK: DIR/agent.conf, a long-running agent's config
  {
    echo "LogLevel  WARNING"
    echo "CacheDir  $1/cache"
    echo "SpoolDir  $1/spool"
    echo "$2"
    echo "$3"
    echo "<Route r>"
    echo "    Path in => out"
    echo "</Route>"
  } >"$1/agent.conf"
  "$ROOT/logship" --verify -c "$1/agent.conf" >"$1/verify.log" 2>&1 || die "$1/agent.conf: $(cat "$1/verify.log")"
}
s3_block() { # s3_block KIND: the om_s3 / im_s3 lines shared by every scenario
  printf '    Module        %s\n    Bucket        bench\n    Region        us-east-1\n    Endpoint      %s\n    PathStyle     TRUE\n    ChecksumMode  when_required\n' "$1" "$ENDPOINT"
}
start_agent() { # start_agent DIR
  "$ROOT/logship" -c "$1/agent.conf" >"$1/agent.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  AGENT=$!
}
# With STEADY_JFR=DIR, each logship burst is recorded (JFR, settings=profile) into DIR/SCENARIO-ROUND.jfr;
# the recording costs the agent some CPU, so such a run's figures are for the profile only.
jfr_start() {
  [ -n "${STEADY_JFR:-}" ] || return 0
  mkdir -p "$STEADY_JFR"
  jcmd "$AGENT" JFR.start name=steady settings=profile filename="$(readlink -f "$STEADY_JFR")/$1.jfr" >/dev/null
}
# With STEADY_THREADS=1, each logship burst also prints the agent's CPU by thread (names without their
# numbers: "GC Thread", "C2 CompilerThread", "logship-om_s3-put-out"), from /proc/PID/task/*/stat.
thread_cpu() { # thread_cpu PID: "TID NAME MS" per thread
  local t
  for t in /proc/"$1"/task/*; do
    [ -r "$t/stat" ] || continue
    awk -v hz="$HZ" -v tid="${t##*/}" '{ n = $0; sub(/^[^(]*\(/, "", n); sub(/\) .*$/, "", n)
      sub(/^.*\) /, ""); gsub(/ /, "_", n); printf "%s %s %d\n", tid, n, ($12 + $13) * 1000 / hz }' "$t/stat" 2>/dev/null || true
  done
}
threads_start() { [ "${STEADY_THREADS:-0}" = 1 ] || return 0; thread_cpu "$AGENT" >"$WORK/threads.0"; }
threads_stop() { # threads_stop LABEL
  [ "${STEADY_THREADS:-0}" = 1 ] || return 0
  thread_cpu "$AGENT" >"$WORK/threads.1"
  say "agent CPU by thread, $1 (ms):"
  awk 'NR == FNR { c0[$1] = $3; next }
       { n = $2; gsub(/[#-]?[0-9]+$/, "", n); d[n] += $3 - c0[$1] }
       END { for (n in d) if (d[n] > 0) printf "  %8d  %s\n", d[n], n }' "$WORK/threads.0" "$WORK/threads.1" | sort -rn >&2
}
jfr_stop() { [ -z "${STEADY_JFR:-}" ] || jcmd "$AGENT" JFR.stop name=steady >/dev/null; }
stop_agent() {
  kill "$AGENT" 2>/dev/null || true
  wait "$AGENT" 2>/dev/null || true
  AGENT=""
}

# logship_out SCENARIO ROUND COUNT OM_S3_LINES...: im_file -> om_s3 in a long-running agent
logship_out() {
  local sc=$1 r=$2 n=$3; shift 3
  local d="$WORK/$sc-logship$VARIANT-$r" prefix="$sc-logship$VARIANT-$r" warm=$(warm_size "$n")
  rm -rf "$d"; mkdir -p "$d"
  gen "$warm" "$d/warm.log" "w$r"; gen "$n" "$d/burst.log" "b$r"; : >"$d/in.log"
  local -a more=()
  [ -z "${STEADY_OM_S3:-}" ] || IFS=';' read -r -a more <<<"$STEADY_OM_S3"
  local extra; extra=$(printf '    %s\n' "$@" "${more[@]}")
  agent_conf "$d" "<Input in>
    Module        im_file
    File          \"$d/in.log\"
    ReadFromLast  FALSE
    PollInterval  0.2
</Input>" "<Output out>
$(s3_block om_s3)
    Server        $prefix
$extra
</Output>"
  start_agent "$d"
  local done_warm done_all
  if [ "$sc" = out-events ]; then
    done_warm=(files_at_least "$BUCKET_DIR/$prefix" "$warm"); done_all=(files_at_least "$BUCKET_DIR/$prefix" $(( warm + n )))
  else
    local wb bb; wb=$(stat -c %s "$d/warm.log"); bb=$(stat -c %s "$d/burst.log")
    GZ_SEEN=(); GZ_TOTAL=0
    done_warm=(gz_bytes_at_least "$BUCKET_DIR/$prefix" "$wb"); done_all=(gz_bytes_at_least "$BUCKET_DIR/$prefix" $(( wb + bb )))
  fi
  cat "$d/warm.log" >>"$d/in.log"
  wait_until 300 "${done_warm[@]}" || die "$sc round $r: the warm-up burst did not arrive; see $d/agent.log"
  local a0 s0 t0 t1 a1 s1 j0 j1
  jfr_start "$sc${VARIANT:+-$VARIANT}-$r"; threads_start
  j0=$(jit_ms "$AGENT"); a0=$(cpu_ms "$AGENT"); s0=$(cpu_ms "$S3PID"); t0=$(now_ns)
  cat "$d/burst.log" >>"$d/in.log"
  wait_until 900 "${done_all[@]}" || die "$sc round $r: the burst did not arrive; see $d/agent.log"
  t1=$(now_ns); a1=$(cpu_ms "$AGENT"); s1=$(cpu_ms "$S3PID"); j1=$(jit_ms "$AGENT")
  jfr_stop; threads_stop "$sc${VARIANT:+ $VARIANT} round $r"
  local rss; rss=$(hwm_kb "$AGENT")
  stop_agent
  check_out "$sc" "$d/in.log" "$BUCKET_DIR/$prefix" $(( warm + n ))
  row "$sc" "$TOOL" "$r" "$n" $(( t1 - t0 )) $(( a1 - a0 )) $(( s1 - s0 )) "$rss" "$(jit_delta "$j0" "$j1")"
  echo "RESULT scenario=steady-$sc${VARIANT:+-$VARIANT} events=$n seconds=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.3f", ns / 1e9 }') bytes=$(stat -c %s "$d/burst.log") rss_kb=$rss"
}

check_out() { # check_out SCENARIO INPUT OBJDIR LINES: every line of INPUT is in the objects, once
  local got
  if [ "$1" = out-events ]; then
    got=$(find "$3" -type f | wc -l)
  else
    got=$(find "$3" -type f -name '*.gz' -exec gzip -dc {} + | wc -l)
  fi
  [ "$got" -eq "$4" ] || die "$1: $3 holds $got lines or objects, not $4"
}

# logship_in SCENARIO ROUND LOCALDIR_WARM LOCALDIR_BURST EXPECTED_FILE: im_s3 -> om_file
logship_in() {
  local sc=$1 r=$2 warm=$3 burst=$4 expect=$5
  local d="$WORK/$sc-logship$VARIANT-$r" prefix="$sc-logship$VARIANT-$r"
  rm -rf "$d"; mkdir -p "$d"
  stage "$warm" "$prefix-a"; stage "$burst" "$prefix-b"
  publish "$prefix-a" "$prefix/a-warm"
  agent_conf "$d" "<Input in>
$(s3_block im_s3)
    Prefix        $prefix/
    Workers       8
    PollInterval  0.2
</Input>" "<Output out>
    Module     om_file
    File       \"$d/out.log\"
</Output>"
  local wb bb; wb=$(find "$warm" -type f -exec cat {} + | gzip -dcf | wc -c); bb=$(stat -c %s "$expect")
  start_agent "$d"
  wait_until 300 size_at_least "$d/out.log" "$wb" || die "$sc round $r: the warm-up objects did not arrive; see $d/agent.log"
  # the warm-up objects leave the store's directory: S3Proxy's filesystem backend reads the whole directory
  # for every listing (with 40,000 warm-up objects left there, one 3,000-object burst cost the store 64 s of
  # CPU in the agent's polls)
  rm -rf "$BUCKET_DIR/$prefix/a-warm"
  local a0 s0 t0 t1 a1 s1 j0 j1
  jfr_start "$sc${VARIANT:+-$VARIANT}-$r"; threads_start
  j0=$(jit_ms "$AGENT"); a0=$(cpu_ms "$AGENT"); s0=$(cpu_ms "$S3PID"); t0=$(now_ns)
  publish "$prefix-b" "$prefix/b-burst"
  wait_until 900 size_at_least "$d/out.log" $(( wb + bb )) || die "$sc round $r: the burst did not arrive; see $d/agent.log"
  t1=$(now_ns); a1=$(cpu_ms "$AGENT"); s1=$(cpu_ms "$S3PID"); j1=$(jit_ms "$AGENT")
  jfr_stop; threads_stop "$sc${VARIANT:+ $VARIANT} round $r"
  local rss; rss=$(hwm_kb "$AGENT")
  stop_agent
  tail -c "$bb" "$d/out.log" | cmp -s - "$expect" || die "$sc round $r: $d/out.log does not end with the burst's lines in order"
  local n; n=$(wc -l <"$expect")
  row "$sc" "$TOOL" "$r" "$n" $(( t1 - t0 )) $(( a1 - a0 )) $(( s1 - s0 )) "$rss" "$(jit_delta "$j0" "$j1")"
  echo "RESULT scenario=steady-$sc${VARIANT:+-$VARIANT} events=$n seconds=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.3f", ns / 1e9 }') bytes=$bb rss_kb=$rss"
}

# ---------------------------------------------------------------- peers

# timed TOOLROW... -- CMD...: runs CMD under /usr/bin/time, adds a row with its wall time, CPU and RSS
timed() {
  local sc=$1 tool=$2 r=$3 n=$4; shift 5
  local s0 t0 t1 s1 user sys rss
  s0=$(cpu_ms "$S3PID"); t0=$(now_ns)
  /usr/bin/time -f '%U %S %M' -o "$WORK/time.out" "$@" >>"$WORK/peer.log" 2>&1 || die "$tool failed: $* (see $WORK/peer.log)"
  t1=$(now_ns); s1=$(cpu_ms "$S3PID")
  read -r user sys rss < <(tail -n 1 "$WORK/time.out")
  row "$sc" "$tool" "$r" "$n" $(( t1 - t0 )) "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')" $(( s1 - s0 )) "$rss" -
}

rclone_out_events() { # rclone_out_events ROUND COUNT
  local r=$1 n=$2 d="$WORK/out-events-rclone-$1" prefix="out-events-rclone-$1"
  local warm=$(peer_warm_size "$n")
  rm -rf "$d"; mkdir -p "$d"
  gen "$warm" "$d/warm.log" "w$r"; gen "$n" "$d/burst.log" "b$r"
  split_files "$d/warm.log" "$d/warm"; split_files "$d/burst.log" "$d/burst"
  rclone_up "$d/warm" "$prefix/a-warm" >>"$WORK/peer.log" 2>&1 || die "rclone failed"
  timed out-events rclone "$r" "$n" -- env -u AWS_CA_BUNDLE "$RCLONE" copy --transfers 16 "$d/burst" "bench:bench/$prefix/b-burst"
  local got; got=$(find "$BUCKET_DIR/$prefix/b-burst" -type f | wc -l)
  [ "$got" -eq "$n" ] || die "rclone: $got objects, not $n"
}

rclone_in() { # rclone_in SCENARIO ROUND LOCALDIR_WARM LOCALDIR_BURST EXPECTED_FILE
  local sc=$1 r=$2 warm=$3 burst=$4 expect=$5
  local d="$WORK/$sc-rclone-$r" prefix="$sc-rclone-$r"
  rm -rf "$d"; mkdir -p "$d"
  stage "$warm" "$prefix-a"; stage "$burst" "$prefix-b"
  publish "$prefix-a" "$prefix/a-warm"; publish "$prefix-b" "$prefix/b-burst"
  rclone_down "$prefix/a-warm" "$d/warm" >>"$WORK/peer.log" 2>&1 || die "rclone failed"
  local n; n=$(wc -l <"$expect")
  if [ "$sc" = in-gzip ]; then
    timed "$sc" rclone+zcat "$r" "$n" -- env -u AWS_CA_BUNDLE sh -c '"$1" copy --transfers 16 "bench:bench/$2" "$3" && zcat "$3"/* >"$4"' \
      sh "$RCLONE" "$prefix/b-burst" "$d/burst" "$d/out.log"
    cmp -s "$d/out.log" "$expect" || die "rclone+zcat: $d/out.log differs from $expect"
  else
    timed "$sc" rclone "$r" "$n" -- env -u AWS_CA_BUNDLE "$RCLONE" copy --transfers 16 "bench:bench/$prefix/b-burst" "$d/burst"
    [ "$(find "$d/burst" -type f | wc -l)" -eq "$n" ] || die "rclone: not $n files in $d/burst"
  fi
}

fluent_bit_out() { # fluent_bit_out ROUND COUNT
  local r=$1 n=$2 d="$WORK/out-batched-fluentbit-$1" prefix="out-batched-fluentbit-$1"
  local warm=$(warm_size "$n")
  rm -rf "$d"; mkdir -p "$d/store"
  gen "$warm" "$d/warm.log" "w$r"; gen "$n" "$d/burst.log" "b$r"; : >"$d/in.log"
  cat >"$d/fluent-bit.conf" <<EOF
[SERVICE]
    flush        1
    log_level    warn
[INPUT]
    name              tail
    path              $d/in.log
    read_from_head    true
    refresh_interval  1
[OUTPUT]
    name              s3
    match             *
    bucket            bench
    region            us-east-1
    endpoint          $ENDPOINT
    use_put_object    On
    compression       gzip
    total_file_size   16M
    upload_timeout    1s
    log_key           log
    s3_key_format     /$prefix/\$UUID.gz
    store_dir         $d/store
EOF
  "$FLUENT_BIT" -c "$d/fluent-bit.conf" >"$d/fluent-bit.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  AGENT=$!
  local wb bb; wb=$(stat -c %s "$d/warm.log"); bb=$(stat -c %s "$d/burst.log")
  GZ_SEEN=(); GZ_TOTAL=0
  cat "$d/warm.log" >>"$d/in.log"
  wait_until 300 gz_bytes_at_least "$BUCKET_DIR/$prefix" "$wb" || die "fluent-bit: the warm-up burst did not arrive; see $d/fluent-bit.log"
  local a0 s0 t0 t1 a1 s1 j0 j1
  j0=$(jit_ms "$AGENT"); a0=$(cpu_ms "$AGENT"); s0=$(cpu_ms "$S3PID"); t0=$(now_ns)
  cat "$d/burst.log" >>"$d/in.log"
  wait_until 900 gz_bytes_at_least "$BUCKET_DIR/$prefix" $(( wb + bb )) || die "fluent-bit: the burst did not arrive; see $d/fluent-bit.log"
  t1=$(now_ns); a1=$(cpu_ms "$AGENT"); s1=$(cpu_ms "$S3PID"); j1=$(jit_ms "$AGENT")
  local rss; rss=$(hwm_kb "$AGENT")
  stop_agent
  check_out out-batched "$d/in.log" "$BUCKET_DIR/$prefix" $(( warm + n ))
  row out-batched fluent-bit "$r" "$n" $(( t1 - t0 )) $(( a1 - a0 )) $(( s1 - s0 )) "$rss" -
}

# ---------------------------------------------------------------- scenarios

in_data() { # in_data SCENARIO ROUND: $WORK/SCENARIO-data-ROUND/{warm,warm-peer,burst}/ and burst.log (what must arrive)
  local d="$WORK/$1-data-$2"
  rm -rf "$d"; mkdir -p "$d/warm" "$d/burst"
  if [ "$1" = in-events ]; then
    local warm=$(warm_size "$OBJECTS")
    gen "$warm" "$d/warm.log" "w$2"; gen "$OBJECTS" "$d/burst.log" "b$2"
    awk -v d="$d/warm" '{ f = sprintf("%s/%07d.log", d, NR); print > f; close(f) }' "$d/warm.log"
    awk -v d="$d/burst" '{ f = sprintf("%s/%07d.log", d, NR); print > f; close(f) }' "$d/burst.log"
    mkdir -p "$d/warm-peer"
    find "$d/warm" -type f | LC_ALL=C sort | head -n "$(peer_warm_size "$OBJECTS")" | xargs ln -t "$d/warm-peer"
  else
    gen $(( LINES / 4 )) "$d/warm.log" "w$2"; gen "$LINES" "$d/burst.log" "b$2"
    gzip -6 -c "$d/warm.log" >"$d/warm/0000001.log.gz"
    cp -l -r "$d/warm" "$d/warm-peer"
    split -n l/4 -d -a 1 "$d/burst.log" "$d/part-"
    local i; for i in 0 1 2 3; do gzip -6 -c "$d/part-$i" >"$d/burst/000000$((i + 1)).log.gz"; done
  fi
  echo "$d"
}

# each_variant CMD...: runs CMD once per STEADY_VARIANTS entry (NAME=JVM OPTIONS;NAME=...), with TOOL and
# VARIANT set and the entry's options added to LOGSHIP_JAVA_OPTS; without STEADY_VARIANTS, once as "logship".
BASE_OPTS="${LOGSHIP_JAVA_OPTS:-}"
each_variant() {
  if [ -z "${STEADY_VARIANTS:-}" ]; then
    TOOL=logship VARIANT="" "$@"
    return
  fi
  local v
  local -a vs
  IFS=';' read -r -a vs <<<"$STEADY_VARIANTS"
  for v in "${vs[@]}"; do
    TOOL="logship:${v%%=*}" VARIANT="${v%%=*}" LOGSHIP_JAVA_OPTS="$BASE_OPTS ${v#*=}" "$@"
  done
}

run_scenario() {
  local sc=$1 r d
  for r in $(seq 1 "$ROUNDS"); do
    say "bench/steady: $sc round $r"
    case "$sc" in
      out-batched)
        each_variant logship_out out-batched "$r" "$LINES" "Compression gzip" "CompressionLevel 6" "MaxObjectSize 16M" "FlushInterval 1"
        if [ -n "$FLUENT_BIT" ]; then fluent_bit_out "$r" "$LINES"; fi ;;
      out-events)
        each_variant logship_out out-events "$r" "$EVENTS" "Compression none" "MaxEventsPerObject 1"
        rclone_out_events "$r" "$EVENTS" ;;
      in-events|in-gzip)
        d=$(in_data "$sc" "$r")
        each_variant logship_in "$sc" "$r" "$d/warm" "$d/burst" "$d/burst.log"
        rclone_in "$sc" "$r" "$d/warm-peer" "$d/burst" "$d/burst.log"
        rm -rf "$d" ;;
      *) die "unknown scenario $sc (out-batched, out-events, in-events, in-gzip)" ;;
    esac
    rm -rf "$WORK/$sc"-*-"$r" "$BUCKET_DIR/$sc"-*-"$r"
  done
}

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(out-batched out-events in-events in-gzip)
for sc in "${scenarios[@]}"; do run_scenario "$sc"; done

# ---------------------------------------------------------------- tables

{
  echo
  echo "bench/steady: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -n 1)"
  echo "logship $("$ROOT/logship" --version 2>/dev/null | head -n 1); $("$RCLONE" version 2>/dev/null | head -n 1)${FLUENT_BIT:+; $("$FLUENT_BIT" --version 2>/dev/null | head -n 1)}"
  echo "store: ./logship s3-server (S3Proxy, filesystem) on loopback; $ROUNDS rounds, logship then the peer in each"
  echo
  awk '
    function jit(j, n) { return j == "-" ? sprintf("%8s", "-") : sprintf("%8.2f", j * 1000 / n) }
    {
      sc = $1; tool = $2; k = sc SUBSEP tool
      rows[++nr] = sprintf("%-12s %-16s %5s %9d %8.2f %11.0f %10.2f %s %10.2f %8.0f", $1, $2, $3, $4, $5 / 1e9,
                           $4 / ($5 / 1e9), $6 * 1000 / $4, jit($9, $4), $7 * 1000 / $4, $8 / 1024)
      if (!(k in cnt)) { order[++no] = k }
      cnt[k]++; ev[k] += $4; ns[k] += $5; st[k] += $7; if ($8 > rss[k]) rss[k] = $8
      eps[k] += $4 / ($5 / 1e9); cpk[k] += $6 * 1000 / $4
      reps[k, $3] = $4 / ($5 / 1e9); rcpk[k, $3] = $6 * 1000 / $4; rounds[$3] = 1
      if ($9 == "-") jk[k] = "-"; else jpk[k] += $9 * 1000 / $4
      if (tool !~ /^logship/) peer[sc] = k
    }
    END {
      h = sprintf("%-12s %-16s %5s %9s %8s %11s %10s %8s %10s %8s", "scenario", "tool", "round", "events", "seconds",
                  "events/s", "CPU ms/1k", "(JIT)", "store/1k", "RSS MB")
      print "per round (CPU: the agent or peer process, all threads; (JIT): of which its JIT compiler threads):"
      print h
      for (i = 1; i <= nr; i++) print rows[i]
      print ""; print "mean of the rounds (RSS: the highest); x peer: the mean over the rounds of the ratio to the peer in that round:"
      printf "%s %12s %12s\n", h, "x peer ev/s", "x peer CPU"
      for (i = 1; i <= no; i++) {
        k = order[i]; split(k, p, SUBSEP); c = cnt[k]
        j = (k in jk) ? sprintf("%8s", "-") : sprintf("%8.2f", jpk[k] / c)
        line = sprintf("%-12s %-16s %5s %9d %8.2f %11.0f %10.2f %s %10.2f %8.0f", p[1], p[2], c, ev[k] / c,
                       ns[k] / c / 1e9, eps[k] / c, cpk[k] / c, j, st[k] * 1000 / ev[k], rss[k] / 1024)
        if (p[2] ~ /^logship/ && (p[1] in peer)) {
          q = peer[p[1]]; m = 0; re = 0; rc = 0
          for (r in rounds) if (((k, r) in reps) && ((q, r) in reps)) {
            m++; re += reps[k, r] / reps[q, r]; rc += rcpk[k, r] / rcpk[q, r]
          }
          if (m > 0) line = line sprintf(" %12.2f %12.2f", re / m, rc / m)
        }
        print line
      }
    }' "$ROWS"
} | tee "$WORK/table.txt" >&2
say "(rows: $ROWS; table: $WORK/table.txt)"
