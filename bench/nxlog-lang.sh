#!/usr/bin/env bash
# bench/nxlog-lang.sh: the NXLog language in steady state (issue 16, "Performance"), against Fluent Bit.
#
#   bench/nxlog-lang.sh                        # logship without Exec, and Fluent Bit: 2 rounds (A B A B)
#   NXLANG_EXEC=1 bench/nxlog-lang.sh          # also the three Exec variants (needs the language)
#   bench/nxlog-lang.sh none full fluent-bit   # these variants only, in this order in each round
#   NXLANG_LINES=200000 NXLANG_ROUNDS=1 bench/nxlog-lang.sh   # a quick run
#   bench/run nxlog-lang                       # the same, its RESULT lines in bench/run's table
#
# The pipeline: im_file -> om_file, NXLANG_LINES (default 2,000,000) RFC 3164 lines of about 120 bytes
# ("<PRI>Dec  2 04:05:06 web03 sshd[1234]: request ..."), one in ten with a message that starts with "debug".
# Variants (rows of the tables):
#   none        logship, no Exec (the baseline: the cost of reading and writing)
#   empty       logship, an empty Exec (NXLANG_EXEC_EMPTY, default "{ }", an empty block)
#   to_json     logship, Exec to_json(); only (NXLANG_EXEC_TO_JSON)
#   full        logship, Exec parse_syslog(); if $Message =~ /^debug/ drop(); to_json();  (NXLANG_EXEC_FULL)
#   fluent-bit  Fluent Bit: tail -> parser filter (its syslog-rfc3164 parser, on the key log) -> grep filter
#               (Exclude message ^debug) -> file output (format plain: each record as one JSON line)
# The Exec runs in the <Input> block (where NXLog configurations usually put it; NXLANG_EXEC_IN=output puts it
# in the <Output> block instead), with <Extension> blocks for xm_syslog and xm_json; the none variant has
# neither. Without NXLANG_EXEC=1 (or variant names as arguments) only none and fluent-bit run: the Exec
# variants need the language (with it the default list is "none empty to_json full fluent-bit").
#
# Each round makes one input (the same lines for every variant of the round) and runs every variant on it, one
# after the other (interleaved: A B C A B C). For each: start the
# agent (a long-running `./logship -c CONF`, or fluent-bit -c CONF), append a warm-up burst to the input file
# (a quarter of the timed one, at least NXLANG_WARM, default 40000 lines) and wait for its last line (an end
# marker) at the destination; read the process's CPU (utime + stime from /proc/PID/stat; and a JVM's JIT
# compiler threads' apart), append the timed burst, whose last line is again an end marker, and take the time
# until the output file holds every line the variant keeps (counted as it grows) and ends with that marker;
# read the CPU again and the peak RSS (VmHWM); stop the agent. Then check the output: exactly the lines kept
# (all of them, or the nine in ten that are not debug), the last one the marker.
#
# Prints a table per round and the mean over the rounds: events/s (input lines of the burst, dropped ones
# included, per second), CPU ms per 1,000 events, JIT ms per 1,000, peak RSS; each logship variant's ratio to
# Fluent Bit in the same round (events/s, and CPU per event: the issue's targets are >= 2x and <= 0.7x for
# full); and the cost per event of empty, to_json and full against none (CPU us/event and wall ns/event).
# Also one "RESULT scenario=nxlog-lang-VARIANT events= seconds= bytes= rss_kb=" line per logship round.
#
# Environment: NXLANG_LINES, NXLANG_ROUNDS (default 2), NXLANG_WARM, NXLANG_EXEC, NXLANG_EXEC_IN,
# NXLANG_VARIANTS (the variant list, as the arguments), NXLANG_EXEC_EMPTY / _TO_JSON / _FULL (the statements of
# each variant); FLUENT_BIT (a fluent-bit binary; default PEERS_DIR/fluent-bit/bin/fluent-bit, see
# bench/lib/fluent-bit.sh, which builds Fluent Bit 5.1 from its public source when FLUENT_BIT_BUILD=1);
# FLUENT_BIT_FLUSH (its flush interval, default 0.2 s, so that the end marker does not wait up to a second for
# Fluent Bit's flush timer); FLUENT_BIT_TAIL="key value;key value" (more lines for its tail input, e.g.
# "file_cache_advise false": its default, true, drops the pages it has read from the page cache; here its
# reader thread was then often seen waiting in the disk, state D, while other builds wrote); BENCH_DIR
# (scratch directory, default a temporary one, removed at the end); LOGSHIP_JAVA_OPTS.
# Needs bash, awk, coreutils and a JDK (the launcher builds logship on first use).
#
# Every line carries its <PRI>: Fluent Bit's syslog-rfc3164 regex starts with \<(?<pri>...)\>, so on lines
# without one it parses nothing, its grep filter drops nothing and it writes {"log":"..."}. Figures, and how
# they move on a loaded machine: docs/performance.md, "The Exec language".
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
LINES="${NXLANG_LINES:-2000000}"
ROUNDS="${NXLANG_ROUNDS:-2}"
EXEC_EMPTY="${NXLANG_EXEC_EMPTY:-{ \}}"
EXEC_TO_JSON="${NXLANG_EXEC_TO_JSON:-to_json();}"
EXEC_FULL="${NXLANG_EXEC_FULL:-parse_syslog(); if \$Message =~ /^debug/ drop(); to_json();}"
if [ $# -gt 0 ]; then VARIANTS=("$@")
elif [ -n "${NXLANG_VARIANTS:-}" ]; then read -r -a VARIANTS <<<"$NXLANG_VARIANTS"
elif [ "${NXLANG_EXEC:-0}" = 1 ]; then VARIANTS=(none empty to_json full fluent-bit)
else VARIANTS=(none fluent-bit); fi
if [ -n "${BENCH_DIR:-}" ]; then
  WORK="$BENCH_DIR"; mkdir -p "$WORK"; KEEP=1
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/logship-nxlang.XXXXXX")"; KEEP=0
fi
ROWS="$WORK/rows.txt"
: >"$ROWS"
AGENT=""
cleanup() {
  [ -n "$AGENT" ] && kill "$AGENT" 2>/dev/null && wait "$AGENT" 2>/dev/null || true
  [ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
die() { echo "bench/nxlog-lang: $*" >&2; KEEP=1; exit 1; }
say() { echo "$*" >&2; }

FB=""
for v in "${VARIANTS[@]}"; do
  case "$v" in
    none|empty|to_json|full|fluent-bit) ;;
    *) die "unknown variant '$v' (none, empty, to_json, full, fluent-bit)" ;;
  esac
done
if [[ " ${VARIANTS[*]} " == *" fluent-bit "* ]] && ! FB=$(fluent_bit_bin); then
  # named on the command line or in NXLANG_VARIANTS: an error; in the default list: left out, said so
  [ $# -eq 0 ] && [ -z "${NXLANG_VARIANTS:-}" ] || die "the fluent-bit variant needs Fluent Bit (see above)"
  say "bench/nxlog-lang: no Fluent Bit, so no fluent-bit rows and no ratios"
  VARIANTS=("${VARIANTS[@]/fluent-bit/}"); read -r -a VARIANTS <<<"${VARIANTS[*]}"
fi

# ---------------------------------------------------------------- checking (wait_until, lines_at_least: bench/lib/wait.sh)

# check_output VARIANT FILE LINES MARKER: FILE has exactly LINES lines and its last one is the end marker
# (to_json alone: a JSON object; whether it carries raw_event is xm_json's business, not this bench's).
check_output() {
  local got last; got=$(wc -l <"$2"); last=$(tail -n 1 "$2")
  [ "$got" -eq "$3" ] || die "$1: $2 has $got lines, not $3"
  case "$1" in
    to_json) [[ "$last" == "{"* ]] || die "$1: the last line of $2 is not JSON: $last" ;;
    fluent-bit) [[ "$last" =~ \"message\":\ ?\"$4\" ]] || die "$1: the last line of $2 is not the marker: $last" ;;
    *) [[ "$last" == *"$4"* ]] || die "$1: the last line of $2 is not the marker: $last" ;;
  esac
  if [ "$1" = full ]; then [[ "$last" =~ ^\{.*\"Message\":\ ?\"$4\" ]] || die "full: the marker is not a parsed JSON event: $last"; fi
}

# row VARIANT ROUND EVENTS NS CPU_MS RSS_KB JIT_MS (- for a process without a JIT)
row() { echo "$*" >>"$ROWS"; }

# ---------------------------------------------------------------- the agents

logship_conf() { # logship_conf DIR VARIANT: DIR/agent.conf
  local exec=""
  case "$2" in
    empty) exec=$EXEC_EMPTY ;; to_json) exec=$EXEC_TO_JSON ;; full) exec=$EXEC_FULL ;;
  esac
  {
    echo "LogLevel  WARNING"
    echo "CacheDir  $1/cache"
    echo "SpoolDir  $1/spool"
    if [ -n "$exec" ]; then
      printf '<Extension _syslog>\n    Module  xm_syslog\n</Extension>\n<Extension _json>\n    Module  xm_json\n</Extension>\n'
    fi
    local in_exec="" out_exec=""
    if [ "${NXLANG_EXEC_IN:-input}" = output ]; then out_exec=$exec; else in_exec=$exec; fi
    printf '<Input in>\n    Module        im_file\n    File          "%s"\n    ReadFromLast  FALSE\n    PollInterval  0.2\n' "$1/in.log"
    [ -z "$in_exec" ] || printf '    Exec          %s\n' "$in_exec"
    printf '</Input>\n<Output out>\n    Module  om_file\n    File    "%s"\n' "$1/out.log"
    [ -z "$out_exec" ] || printf '    Exec    %s\n' "$out_exec"
    printf '</Output>\n'
    printf '<Route r>\n    Path in => out\n</Route>\n'
  } >"$1/agent.conf"
  "$ROOT/logship" --verify -c "$1/agent.conf" >"$1/verify.log" 2>&1 \
    || die "$2: $1/agent.conf does not verify (the Exec variants need the language; NXLANG_EXEC_* set their statements): $(cat "$1/verify.log")"
}

fluent_bit_conf() { # fluent_bit_conf DIR: DIR/fluent-bit.conf
  local parsers; parsers=$(fluent_bit_parsers "$1/parsers.conf")
  local -a more=()
  [ -z "${FLUENT_BIT_TAIL:-}" ] || IFS=';' read -r -a more <<<"$FLUENT_BIT_TAIL"
  local extra=""; [ ${#more[@]} -eq 0 ] || extra=$(printf '    %s\n' "${more[@]}")
  cat >"$1/fluent-bit.conf" <<EOF
[SERVICE]
    flush         ${FLUENT_BIT_FLUSH:-0.2}
    grace         1
    log_level     warn
    parsers_file  $parsers
[INPUT]
    name              tail
    path              $1/in.log
    read_from_head    true
    refresh_interval  1
$extra
[FILTER]
    name      parser
    match     *
    key_name  log
    parser    syslog-rfc3164
[FILTER]
    name      grep
    match     *
    exclude   message ^debug
[OUTPUT]
    name    file
    match   *
    path    $1
    file    out.log
    format  plain
EOF
  "$FB" --dry-run -c "$1/fluent-bit.conf" >"$1/verify.log" 2>&1 || die "fluent-bit: $1/fluent-bit.conf: $(cat "$1/verify.log")"
}

# round_data ROUND: $WORK/data-ROUND/{warm,burst}.log, the input every variant of the round reads, and
# WARM, KEPT_WARM, KEPT_BURST (the lines that are not debug)
round_data() {
  local dd="$WORK/data-$1"
  WARM=$(( LINES / 4 )); [ "$WARM" -ge "${NXLANG_WARM:-40000}" ] || WARM=${NXLANG_WARM:-40000}
  rm -rf "$WORK"/data-*; mkdir -p "$dd"
  KEPT_WARM=$(gen "$WARM" "$dd/warm.log" "w$1" warmup); KEPT_BURST=$(gen "$LINES" "$dd/burst.log" "b$1" burst)
}

# run_variant VARIANT ROUND: one measured run (warm-up burst, timed burst) of one variant
run_variant() {
  local v=$1 r=$2 d="$WORK/$1-$2" n=$LINES dd="$WORK/data-$2"
  rm -rf "$d"; mkdir -p "$d"; : >"$d/in.log"
  # what reaches the output: every line, or (parse and drop) the lines that are not debug
  local ew eb
  case "$v" in full|fluent-bit) ew=$KEPT_WARM; eb=$KEPT_BURST ;; *) ew=$WARM; eb=$n ;; esac
  if [ "$v" = fluent-bit ]; then
    fluent_bit_conf "$d"
    "$FB" -c "$d/fluent-bit.conf" >"$d/agent.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  else
    logship_conf "$d" "$v"
    "$ROOT/logship" -c "$d/agent.conf" >"$d/agent.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
  fi
  AGENT=$!
  LC_OFF=0; LC_N=0
  cat "$dd/warm.log" >>"$d/in.log"
  wait_until 300 lines_at_least "$d/out.log" "$ew" || die "$v round $r: the warm-up burst did not arrive; see $d/agent.log"
  local a0 a1 t0 t1 j0 j1 rss
  j0=$(jit_ms "$AGENT"); a0=$(cpu_ms "$AGENT"); t0=$(now_ns)
  cat "$dd/burst.log" >>"$d/in.log"
  wait_until 900 lines_at_least "$d/out.log" $(( ew + eb )) || die "$v round $r: the burst did not arrive; see $d/agent.log"
  t1=$(now_ns); a1=$(cpu_ms "$AGENT"); j1=$(jit_ms "$AGENT")
  rss=$(hwm_kb "$AGENT")
  kill "$AGENT" 2>/dev/null || true; wait "$AGENT" 2>/dev/null || true; AGENT=""
  check_output "$v" "$d/out.log" $(( ew + eb )) "end-of-burst b$r"
  if [ "$v" != fluent-bit ] && grep -q ' ERROR ' "$d/agent.log"; then
    say "bench/nxlog-lang: $v round $r: the agent logged errors (first: $(grep -m1 ' ERROR ' "$d/agent.log"))"
  fi
  local jit=-; [ "$v" = fluent-bit ] || jit=$(jit_delta "$j0" "$j1")
  row "$v" "$r" "$n" $(( t1 - t0 )) $(( a1 - a0 )) "$rss" "$jit"
  say "  $v round $r: $n events in $(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.2f", ns / 1e9 }') s"
  if [ "$v" != fluent-bit ]; then
    echo "RESULT scenario=nxlog-lang-$v events=$n seconds=$(awk -v ns=$(( t1 - t0 )) 'BEGIN { printf "%.3f", ns / 1e9 }') bytes=$(stat -c %s "$dd/burst.log") rss_kb=$rss"
  fi
  rm -rf "$d"
}

# ---------------------------------------------------------------- main

"$ROOT/logship" --version >/dev/null   # builds if needed, before anything is timed
for r in $(seq 1 "$ROUNDS"); do
  say "bench/nxlog-lang: round $r of $ROUNDS: ${VARIANTS[*]} ($LINES lines)"
  round_data "$r"
  for v in "${VARIANTS[@]}"; do run_variant "$v" "$r"; done
done
rm -rf "$WORK"/data-*

{
  echo
  echo "bench/nxlog-lang: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -n 1)"
  echo "logship $("$ROOT/logship" --version 2>/dev/null | head -n 1)${FB:+; $("$FB" --version 2>/dev/null | head -n 1)}"
  echo "$LINES RFC 3164 lines a burst, one in ten debug; $ROUNDS rounds of: ${VARIANTS[*]}"
  echo "full: Exec $EXEC_FULL | to_json: Exec $EXEC_TO_JSON | empty: Exec $EXEC_EMPTY"
  echo
  awk -f "$ROOT/bench/lib/nxlog-lang-table.awk" "$ROWS"
} | tee "$WORK/table.txt" >&2
say "(rows: $ROWS; table: $WORK/table.txt)"
