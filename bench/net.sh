#!/usr/bin/env bash
# bench/net.sh: the network modules in steady state (issue 17, "Performance"), against Fluent Bit, same run.
#
#   bench/net.sh                      # both scenarios, 2 rounds, logship and Fluent Bit interleaved (A B A B)
#   bench/net.sh out-tcp              # one scenario
#   NET_LINES=200000 NET_ROUNDS=1 bench/net.sh   # a quick run
#
# Scenarios:
#   out-tcp  im_file -> Exec to_syslog_ietf(); -> om_tcp (OutputType Syslog_TLS: RFC 6587 octet counting) to a
#            local rsyslog (imtcp -> omfile, each message as received and a line feed), NET_LINES lines (default
#            2,000,000). Peer: Fluent Bit, tail -> syslog output (mode tcp, syslog_format rfc5424,
#            syslog_message_key log) to the same kind of rsyslog.
#   in-tcp   a load generator (bash writing the burst file to /dev/tcp, one connection) -> im_tcp (LineBased) ->
#            om_file. Peer: Fluent Bit, tcp input (format none) -> file output (format template {log}).
# Each run starts the agent (a long-running `./logship -c CONF`, or fluent-bit -c CONF) and, for out-tcp, its own
# rsyslog; sends a warm-up burst (a quarter of the timed one, at least NET_WARM lines, default 40000) and waits for
# its end marker at the destination; reads the agent's CPU (utime + stime from /proc/PID/stat; a JVM's JIT
# compiler threads apart) and rsyslog's; sends the timed burst and takes the time from its first byte until the
# destination holds every line and ends with the burst's end marker; reads the CPUs again and the agent's peak RSS
# (VmHWM); stops everything and checks the destination has exactly the lines sent.
#
# Prints a table per round and the mean over the rounds: events/s, the agent's CPU ms per 1,000 events, (JIT),
# rsyslog's CPU ms per 1,000 (out-tcp), peak RSS, and logship's ratio to Fluent Bit in the same round (events/s,
# and CPU per event). Also one "RESULT scenario=net-SCENARIO events= seconds= bytes= rss_kb=" line per logship run.
#
# Environment: NET_LINES, NET_ROUNDS, NET_WARM; FLUENT_BIT (see bench/lib/fluent-bit.sh: default
# PEERS_DIR/fluent-bit/bin/fluent-bit, FLUENT_BIT_BUILD=1 builds it, with in_tcp and out_syslog); RSYSLOGD (default
# rsyslogd from PATH or /usr/sbin; Debian: apt-get install rsyslog); BENCH_DIR (scratch directory, default a
# temporary one, removed at the end); LOGSHIP_JAVA_OPTS. Needs bash, awk, coreutils and a JDK.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=lib/proc-stats.sh
. "$ROOT/bench/lib/proc-stats.sh"
# shellcheck source=lib/fluent-bit.sh
. "$ROOT/bench/lib/fluent-bit.sh"
# shellcheck source=lib/syslog-lines.sh
. "$ROOT/bench/lib/syslog-lines.sh"
# shellcheck source=lib/wait.sh
. "$ROOT/bench/lib/wait.sh"
LINES="${NET_LINES:-2000000}"
ROUNDS="${NET_ROUNDS:-2}"
if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=(out-tcp in-tcp); fi
RSYSLOGD="${RSYSLOGD:-$(command -v rsyslogd || echo /usr/sbin/rsyslogd)}"
if [ -n "${BENCH_DIR:-}" ]; then WORK="$BENCH_DIR"; mkdir -p "$WORK"; KEEP=1
else WORK="$(mktemp -d "${TMPDIR:-/tmp}/logship-net.XXXXXX")"; KEEP=0; fi
ROWS="$WORK/rows.txt"; : >"$ROWS"
AGENT=""; RECEIVER=""
stop_all() {
  [ -z "$AGENT" ] || { kill "$AGENT" 2>/dev/null; wait "$AGENT" 2>/dev/null || true; AGENT=""; }
  [ -z "$RECEIVER" ] || { kill "$RECEIVER" 2>/dev/null; wait "$RECEIVER" 2>/dev/null || true; RECEIVER=""; }
}
cleanup() { stop_all; [ "$KEEP" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT
die() { echo "bench/net: $*" >&2; KEEP=1; exit 1; }
say() { echo "$*" >&2; }

for s in "${SCENARIOS[@]}"; do
  case "$s" in out-tcp|in-tcp) ;; *) die "unknown scenario '$s' (out-tcp, in-tcp)" ;; esac
done
FB=$(fluent_bit_bin) || die "Fluent Bit is the peer of every scenario (see above)"
if [[ " ${SCENARIOS[*]} " == *" out-tcp "* ]]; then
  [ -x "$RSYSLOGD" ] || die "out-tcp needs rsyslog as the receiver: apt-get install rsyslog (or set RSYSLOGD)"
fi

# ---------------------------------------------------------------- sockets (wait_until, lines_at_least: bench/lib/wait.sh)

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
send_tcp() { cat "$2" >"/dev/tcp/127.0.0.1/$1"; }   # send_tcp PORT FILE: one connection, the whole file

# row SCENARIO VARIANT ROUND EVENTS NS CPU_MS RSS_KB JIT_MS PEER_CPU_MS ("-" where there is none)
row() { echo "$*" >>"$ROWS"; }

# ---------------------------------------------------------------- the processes

# rsyslog_start DIR PORT: rsyslogd in the foreground, imptcp on PORT -> DIR/out.log (each message as received),
# set up to be faster than both senders (imptcp, a batched queue, omfile writing through a 4 MiB buffer on its own
# thread), so that the sender is what is measured
rsyslog_start() {
  cat >"$1/rsyslog.conf" <<EOF
global(workDirectory="$1")
module(load="imptcp")
template(name="raw" type="string" string="%rawmsg%\n")
input(type="imptcp" address="127.0.0.1" port="$2" ruleset="r")
ruleset(name="r" queue.type="LinkedList" queue.size="500000" queue.dequeueBatchSize="4096") {
  action(type="omfile" file="$1/out.log" template="raw" asyncWriting="on" ioBufferSize="4m" flushOnTXEnd="off"
         flushInterval="1")
}
EOF
  "$RSYSLOGD" -n -f "$1/rsyslog.conf" -i "$1/rsyslogd.pid" >"$1/rsyslog.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  RECEIVER=$!
  wait_until 30 accepts "$2" || die "rsyslog did not listen on $2; see $1/rsyslog.log"
}

logship_conf() { # logship_conf SCENARIO DIR PORT: DIR/agent.conf
  {
    printf 'LogLevel  WARNING\nCacheDir  %s/cache\nSpoolDir  %s/spool\n' "$2" "$2"
    if [ "$1" = out-tcp ]; then
      printf '<Extension _syslog>\n    Module  xm_syslog\n</Extension>\n'
      printf '<Input in>\n    Module        im_file\n    File          "%s"\n    ReadFromLast  FALSE\n' "$2/in.log"
      printf '    PollInterval  0.2\n    Exec          to_syslog_ietf();\n</Input>\n'
      printf '<Output out>\n    Module      om_tcp\n    Host        127.0.0.1\n    Port        %s\n' "$3"
      printf '    OutputType  Syslog_TLS\n</Output>\n'
    else
      printf '<Input in>\n    Module      im_tcp\n    ListenAddr  127.0.0.1\n    Port        %s\n</Input>\n' "$3"
      printf '<Output out>\n    Module  om_file\n    File    "%s"\n</Output>\n' "$2/out.log"
    fi
    printf '<Route r>\n    Path in => out\n</Route>\n'
  } >"$2/agent.conf"
  "$ROOT/logship" --verify -c "$2/agent.conf" >"$2/verify.log" 2>&1 || die "$1: $2/agent.conf: $(cat "$2/verify.log")"
}

fluent_bit_conf() { # fluent_bit_conf SCENARIO DIR PORT: DIR/fluent-bit.conf
  {
    printf '[SERVICE]\n    flush      0.2\n    grace      1\n    log_level  warn\n'
    if [ "$1" = out-tcp ]; then
      printf '[INPUT]\n    name              tail\n    path              %s\n    read_from_head    true\n' "$2/in.log"
      printf '    refresh_interval  1\n'
      printf '[OUTPUT]\n    name                syslog\n    match               *\n    host                127.0.0.1\n'
      printf '    port                %s\n    mode                tcp\n    syslog_format       rfc5424\n' "$3"
      printf '    syslog_message_key  log\n'
    else
      printf '[INPUT]\n    name    tcp\n    listen  127.0.0.1\n    port    %s\n    format  none\n' "$3"
      printf '[OUTPUT]\n    name      file\n    match     *\n    path      %s\n    file      out.log\n' "$2"
      printf '    format    template\n    template  {log}\n'
    fi
  } >"$2/fluent-bit.conf"
  "$FB" --dry-run -c "$2/fluent-bit.conf" >"$2/verify.log" 2>&1 || die "fluent-bit: $2/fluent-bit.conf: $(cat "$2/verify.log")"
}

# round_data ROUND: $WORK/data-ROUND/{warm,burst}.log and WARM
round_data() {
  local dd="$WORK/data-$1"
  WARM=$(( LINES / 4 )); [ "$WARM" -ge "${NET_WARM:-40000}" ] || WARM=${NET_WARM:-40000}
  rm -rf "$WORK"/data-*; mkdir -p "$dd"
  gen "$WARM" "$dd/warm.log" "w$1" warmup >/dev/null; gen "$LINES" "$dd/burst.log" "b$1" burst >/dev/null
}

# burst SCENARIO DIR PORT FILE: appends FILE to the agent's input (out-tcp) or sends it to the agent (in-tcp)
burst() { if [ "$1" = out-tcp ]; then cat "$4" >>"$2/in.log"; else send_tcp "$3" "$4"; fi; }

# run SCENARIO VARIANT ROUND: one measured run
run() {
  local sc=$1 v=$2 r=$3 d="$WORK/$1-$2-$3" dd="$WORK/data-$3" n=$LINES port
  rm -rf "$d"; mkdir -p "$d"; : >"$d/in.log"; port=$(free_port)
  local dest="$d/out.log"
  if [ "$sc" = out-tcp ]; then mkdir -p "$d/rsyslog"; rsyslog_start "$d/rsyslog" "$port"; dest="$d/rsyslog/out.log"; fi
  if [ "$v" = fluent-bit ]; then
    fluent_bit_conf "$sc" "$d" "$port"
    "$FB" -c "$d/fluent-bit.conf" >"$d/agent.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  else
    logship_conf "$sc" "$d" "$port"
    "$ROOT/logship" -c "$d/agent.conf" >"$d/agent.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  fi
  AGENT=$!
  [ "$sc" = out-tcp ] || wait_until 120 accepts "$port" || die "$v: nothing listens on $port; see $d/agent.log"
  LC_OFF=0; LC_N=0
  burst "$sc" "$d" "$port" "$dd/warm.log"
  wait_until 300 lines_at_least "$dest" "$WARM" || die "$sc $v round $r: the warm-up burst did not arrive; see $d"
  local a0 a1 t0 t1 j0 j1 p0=0 p1=0 rss
  j0=$(jit_ms "$AGENT"); a0=$(cpu_ms "$AGENT"); [ -z "$RECEIVER" ] || p0=$(cpu_ms "$RECEIVER"); t0=$(now_ns)
  burst "$sc" "$d" "$port" "$dd/burst.log"
  wait_until 900 lines_at_least "$dest" $(( WARM + n )) || die "$sc $v round $r: the burst did not arrive; see $d"
  t1=$(now_ns); a1=$(cpu_ms "$AGENT"); j1=$(jit_ms "$AGENT"); [ -z "$RECEIVER" ] || p1=$(cpu_ms "$RECEIVER")
  rss=$(hwm_kb "$AGENT")
  local peer=-; [ -z "$RECEIVER" ] || peer=$(( p1 - p0 ))
  stop_all
  local got; got=$(wc -l <"$dest")
  [ "$got" -eq $(( WARM + n )) ] || die "$sc $v round $r: $dest has $got lines, not $(( WARM + n ))"
  [[ "$(tail -n 1 "$dest")" == *"end-of-burst b$r"* ]] || die "$sc $v round $r: the last line is not the marker"
  if [ "$v" = logship ] && grep -q ' ERROR ' "$d/agent.log"; then
    say "bench/net: $sc round $r: the agent logged errors (first: $(grep -m1 ' ERROR ' "$d/agent.log"))"
  fi
  local jit=-; [ "$v" = fluent-bit ] || jit=$(jit_delta "$j0" "$j1")
  row "$sc" "$v" "$r" "$n" $(( t1 - t0 )) $(( a1 - a0 )) "$rss" "$jit" "$peer"
  say "  $sc $v round $r: $n events in $(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }') s"
  if [ "$v" = logship ]; then
    echo "RESULT scenario=net-$sc events=$n seconds=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.3f", ns / 1e9 }') bytes=$(stat -c %s "$dd/burst.log") rss_kb=$rss"
  fi
  rm -rf "$d"
}

# ---------------------------------------------------------------- main

"$ROOT/logship" --version >/dev/null   # builds if needed, before anything is timed
for r in $(seq 1 "$ROUNDS"); do
  say "bench/net: round $r of $ROUNDS: ${SCENARIOS[*]} ($LINES lines)"
  round_data "$r"
  for sc in "${SCENARIOS[@]}"; do
    for v in ${NET_AGENTS:-logship fluent-bit}; do run "$sc" "$v" "$r"; done
  done
done
rm -rf "$WORK"/data-*

{
  echo
  echo "bench/net: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr), $(java -version 2>&1 | head -n 1)"
  echo "logship $("$ROOT/logship" --version 2>/dev/null | head -n 1); $("$FB" --version 2>/dev/null | head -n 1); $("$RSYSLOGD" -v 2>/dev/null | head -n 1)"
  echo "$LINES RFC 3164 lines of about 120 bytes a burst; $ROUNDS rounds"
  echo
  awk -f "$ROOT/bench/lib/net-table.awk" "$ROWS"
} | tee "$WORK/table.txt" >&2
say "(rows: $ROWS; table: $WORK/table.txt)"
