# bench/lib/wait.sh (sourced by bench/nxlog-lang.sh, bench/net.sh and bench/steady.sh): waiting for a
# destination while the processes under test run. Uses the sourcing script's die and WORK.
#
# wait_until TIMEOUT_S CMD...: runs CMD every 50 ms until it succeeds; 1 after TIMEOUT_S seconds. Dies when the
#   agent (pid $AGENT) or the receiver (pid $RECEIVER, bench/net.sh's rsyslog) is set and has stopped.
# lines_at_least FILE N: FILE holds N complete lines or more; counts only what was added since the last call
#   (LC_OFF, LC_N: reset them for a new file), so polling a growing file reads each byte once.
wait_until() {
  local limit=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$limit" ] || return 1
    [ -z "${AGENT:-}" ] || kill -0 "$AGENT" 2>/dev/null || die "the agent stopped; see its log under $WORK"
    [ -z "${RECEIVER:-}" ] || kill -0 "$RECEIVER" 2>/dev/null || die "the receiver stopped; see its log under $WORK"
    sleep 0.05
  done
}

LC_OFF=0; LC_N=0
lines_at_least() {
  [ -f "$1" ] || return 1
  local size; size=$(stat -c %s "$1")
  if [ "$size" -gt "$LC_OFF" ]; then
    LC_N=$(( LC_N + $(tail -c +$(( LC_OFF + 1 )) "$1" | head -c $(( size - LC_OFF )) | wc -l) ))
    LC_OFF=$size
  fi
  [ "$LC_N" -ge "$2" ]
}
