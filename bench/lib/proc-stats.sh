# bench/lib/proc-stats.sh (sourced by bench/nxlog-lang.sh and bench/steady.sh): what a steady-state bench reads
# of a running process from /proc.
#
# cpu_ms PID        utime + stime of the process (all its threads), ms
# jit_ms PID        "TID MS ..." for each JIT compiler thread (C1, C2) of a JVM; jit_delta BEFORE AFTER: their
#                   CPU between two readings, ms (a compiler thread that ended in between is left out)
# hwm_kb PID        peak resident set size (VmHWM), KiB
# now_ns            wall clock, ns
PROC_HZ=$(getconf CLK_TCK)

cpu_ms() {
  awk -v hz="$PROC_HZ" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"
}
jit_ms() {
  local t
  for t in /proc/"$1"/task/*; do
    awk -v hz="$PROC_HZ" -v tid="${t##*/}" '/\((C1|C2) CompilerThre/ { sub(/^.*\) /, ""); printf "%s %d\n", tid, ($12 + $13) * 1000 / hz }' \
      "$t/stat" 2>/dev/null || true
  done | tr '\n' ' '
}
jit_delta() {
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); for (i = 1; i < n; i += 2) c0[x[i]] = x[i + 1]
    n = split(b, y, " "); for (i = 1; i < n; i += 2) d += y[i + 1] - ((y[i] in c0) ? c0[y[i]] : 0); printf "%d", d }'
}
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
now_ns() { date +%s%N; }
