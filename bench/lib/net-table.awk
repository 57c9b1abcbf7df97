# bench/lib/net-table.awk (bench/net.sh's tables): awk -f net-table.awk ROWS
# A row: SCENARIO AGENT ROUND EVENTS NS CPU_MS RSS_KB JIT_MS PEER_CPU_MS (JIT_MS, PEER_CPU_MS "-" where none).
# Prints each run, then per scenario and agent the mean of the rounds (RSS: the highest) and logship's ratio to
# fluent-bit (the mean over the rounds of the ratio in that round).
{
  sc = $1; v = $2; r = $3; k = sc SUBSEP v
  if (!(k in cnt)) order[++nk] = k
  cnt[k]++; e = $4 / ($5 / 1e9); c = $6 * 1000 / $4
  eps[sc, v, r] = e; cpk[sc, v, r] = c; seps[k] += e; scpk[k] += c
  if ($7 > rss[k]) rss[k] = $7
  jit = ($8 == "-") ? "-" : sprintf("%.2f", $8 * 1000 / $4); if ($8 != "-") sjit[k] += $8 * 1000 / $4
  peer = ($9 == "-") ? "-" : sprintf("%.2f", $9 * 1000 / $4); if ($9 != "-") speer[k] += $9 * 1000 / $4
  lines[++nl] = sprintf("%-8s %-11s %5s %9d %8.2f %11.0f %10.2f %8s %10s %8.0f", sc, v, r, $4, $5 / 1e9, e, c, jit, peer, $7 / 1024)
}
END {
  print "per run (CPU: the agent process, all threads; (JIT): of which a JVM's JIT compilers; rsyslog: the receiver):"
  printf "%-8s %-11s %5s %9s %8s %11s %10s %8s %10s %8s\n", "scenario", "agent", "round", "events", "seconds", "events/s", "CPU ms/1k", "(JIT)", "rsyslog/1k", "RSS MB"
  for (i = 1; i <= nl; i++) print lines[i]
  print ""
  print "mean of the rounds (RSS: the highest); x fb: the mean over the rounds of the ratio in that round"
  print "(the issue's targets: >= 2.00 in events/s for both; <= 0.70 in CPU per event for out-tcp):"
  printf "%-8s %-11s %5s %11s %10s %8s %10s %8s %10s %12s\n", "scenario", "agent", "runs", "events/s", "CPU ms/1k", "(JIT)", "rsyslog/1k", "RSS MB", "x fb ev/s", "x fb CPU/ev"
  for (i = 1; i <= nk; i++) {
    k = order[i]; split(k, p, SUBSEP); sc = p[1]; v = p[2]; m = cnt[k]
    line = sprintf("%-8s %-11s %5d %11.0f %10.2f %8s %10s %8.0f", sc, v, m, seps[k] / m, scpk[k] / m,
      (k in sjit) ? sprintf("%.2f", sjit[k] / m) : "-", (k in speer) ? sprintf("%.2f", speer[k] / m) : "-", rss[k] / 1024)
    if (v != "fluent-bit") {
      q = 0; re = 0; rc = 0
      for (r = 1; r <= 1000; r++) if (((sc, v, r) in eps) && ((sc, "fluent-bit", r) in eps)) {
        q++; re += eps[sc, v, r] / eps[sc, "fluent-bit", r]; rc += cpk[sc, v, r] / cpk[sc, "fluent-bit", r]
      }
      if (q > 0) line = line sprintf(" %10.2f %12.2f", re / q, rc / q)
    }
    print line
  }
}
