# bench/lib/nxlog-lang-table.awk (bench/nxlog-lang.sh's tables): awk -f nxlog-lang-table.awk ROWS
# A row: VARIANT ROUND EVENTS NS CPU_MS RSS_KB JIT_MS (JIT_MS "-" for a process without a JIT).
# Prints each round, the mean of the rounds (RSS: the highest), each logship variant's ratio to fluent-bit
# (the mean over the rounds of the ratio in that round), and the cost per event of every variant against
# none (likewise: the mean of the rounds' differences).
{
  v = $1; r = $2
  if (!(v in cnt)) order[++nv] = v
  cnt[v]++; rounds[r] = 1
  e = $3 / ($4 / 1e9); c = $5 * 1000 / $3
  eps[v, r] = e; cpk[v, r] = c; seps[v] += e; scpk[v] += c; sns[v] += $4 / 1e9; sev[v] += $3
  if ($6 > rss[v]) rss[v] = $6
  if ($7 == "-") nojit[v] = 1; else sjit[v] += $7 * 1000 / $3
  jit = ($7 == "-") ? "-" : sprintf("%.2f", $7 * 1000 / $3)
  lines[++nl] = sprintf("%-11s %5s %9d %8.2f %11.0f %10.2f %8s %8.0f", v, r, $3, $4 / 1e9, e, c, jit, $6 / 1024)
}
END {
  h = sprintf("%-11s %5s %9s %8s %11s %10s %8s %8s", "variant", "round", "events", "seconds", "events/s", "CPU ms/1k", "(JIT)", "RSS MB")
  print "per round (CPU: the agent process, all threads; (JIT): of which a JVM's JIT compiler threads):"
  print h
  for (i = 1; i <= nl; i++) print lines[i]
  print ""
  print "mean of the rounds (RSS: the highest); x fluent-bit: the mean over the rounds of the ratio in that round"
  print "(the issue's targets for full: >= 2.00 in events/s, <= 0.70 in CPU per event):"
  printf "%s %14s %14s\n", sprintf("%-11s %5s %9s %8s %11s %10s %8s %8s", "variant", "runs", "events", "seconds", "events/s", "CPU ms/1k", "(JIT)", "RSS MB"), "x fb events/s", "x fb CPU/event"
  for (i = 1; i <= nv; i++) {
    v = order[i]; k = cnt[v]
    jit = (v in nojit) ? "-" : sprintf("%.2f", sjit[v] / k)
    line = sprintf("%-11s %5d %9d %8.2f %11.0f %10.2f %8s %8.0f", v, k, sev[v] / k, sns[v] / k, seps[v] / k, scpk[v] / k, jit, rss[v] / 1024)
    if (v != "fluent-bit" && ("fluent-bit" in cnt)) {
      m = 0; re = 0; rc = 0
      for (r in rounds) if (((v, r) in eps) && (("fluent-bit", r) in eps)) {
        m++; re += eps[v, r] / eps["fluent-bit", r]; rc += cpk[v, r] / cpk["fluent-bit", r]
      }
      if (m > 0) line = line sprintf(" %14.2f %14.2f", re / m, rc / m)
    }
    print line
  }
  if (!("none" in cnt)) exit
  header = 0
  for (i = 1; i <= nv; i++) {
    v = order[i]
    if (v == "none" || v == "fluent-bit") continue
    m = 0; dc = 0; dw = 0
    for (r in rounds) if (((v, r) in eps) && (("none", r) in eps)) {
      m++; dc += cpk[v, r] - cpk["none", r]; dw += 1e9 / eps[v, r] - 1e9 / eps["none", r]
    }
    if (m == 0) continue
    if (!header) {
      print ""
      print "cost per event against none (the mean over the rounds of the difference in that round):"
      printf "%-11s %5s %16s %16s\n", "variant", "runs", "CPU us/event", "wall ns/event"
      header = 1
    }
    printf "%-11s %5d %16.2f %16.0f\n", v, m, dc / m, dw / m
  }
}
