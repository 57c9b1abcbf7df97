#!/usr/bin/env bash
# bench/jfr-top.sh FILE.jfr [TOP]: where a recording's Java CPU samples (jdk.ExecutionSample) went.
#
#   STEADY_JFR=var/jfr bench/steady.sh out-events && bench/jfr-top.sh var/jfr/out-events-1.jfr
#
# Prints two tables: samples by component, each sample counted once, for the innermost frame outside the
# JDK (java.*, javax.*, jdk.*, sun.*, com.sun.*; a sample wholly in the JDK is "JDK only", one whose top
# frames are socket or NIO code is "socket I/O"); and the TOP (default 25) methods at the top of the stack.
# Needs the JDK's jfr tool (JAVA_HOME/bin/jfr or on the PATH) and awk.
set -euo pipefail
[ $# -ge 1 ] && [ -f "$1" ] || { echo "usage: bench/jfr-top.sh FILE.jfr [TOP]" >&2; exit 2; }
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
"$JFR" print --events jdk.ExecutionSample --stack-depth 256 "$1" | awk -v top="${2:-25}" '
  function component(f) {
    if (f ~ /^software\.amazon\.awssdk\.http\.auth\.aws|^software\.amazon\.awssdk\.auth\.signer/) return "SDK: SigV4 signing"
    if (f ~ /endpoints|^software\.amazon\.awssdk\.core\.rules|RuleEngine|EndpointProvider/) return "SDK: endpoint resolution"
    if (f ~ /^software\.amazon\.awssdk\.protocols/) return "SDK: request/response marshalling"
    if (f ~ /^software\.amazon\.awssdk\.(checksums|core\.checksums|core\.internal\.checksums)|Checksum/) return "SDK: checksums"
    if (f ~ /^software\.amazon\.awssdk\.(identity|auth\.credentials)|Credentials/) return "SDK: credentials"
    if (f ~ /^software\.amazon\.awssdk\.http\.(apache|apache5|urlconnection)\.|^org\.apache\.http\.|^org\.apache\.hc\./) return "HTTP client"
    if (f ~ /^software\.amazon\.awssdk\.services\.s3\./) return "SDK: S3 interceptors and client"
    if (f ~ /^software\.amazon\.awssdk\.(core|http|utils|metrics|retries|regions|awscore)/) return "SDK: request pipeline"
    if (f ~ /^io\.logship\./) { split(f, p, "."); return "logship: " p[3] }
    if (f ~ /^ch\.qos\.logback|^org\.slf4j/) return "logging"
    split(f, p, "."); return p[1] "." p[2]
  }
  function jdk(f) { return f ~ /^(java|javax|jdk|sun|com\.sun)\./ }
  function io(f) { return f ~ /^(java\.net\.|sun\.nio\.|sun\.net\.|java\.nio\.channels\.|sun\.security\.ssl\.|java\.io\.FileOutputStream|java\.io\.FileInputStream|java\.io\.RandomAccessFile)/ }
  /^jdk\.ExecutionSample/ { n = 0; next }
  /^  stackTrace = \[/ { inst = 1; next }
  inst && /^  \]/ {
    inst = 0; total++
    if (n == 0) next
    leaf = frames[1]; sub(/\(.*$/, "", leaf); self[leaf]++
    c = ""; allio = 1
    for (i = 1; i <= n; i++) {
      f = frames[i]
      if (!jdk(f)) { c = component(f); break }
      if (!io(f)) allio = 0
    }
    if (c == "") c = "JDK only"
    else if (allio && i > 1) c = "socket I/O"
    comp[c]++
    next
  }
  inst { f = $0; sub(/^ +/, "", f); if (f != "...") frames[++n] = f }
  END {
    if (total == 0) { print "no jdk.ExecutionSample events"; exit 1 }
    printf "%d samples\n\nby component (innermost frame outside the JDK):\n", total
    for (c in comp) printf "%7d %5.1f%%  %s\n", comp[c], comp[c] * 100 / total, c | "sort -rn"
    close("sort -rn")
    printf "\ntop %d methods at the top of the stack:\n", top
    for (m in self) printf "%7d %5.1f%%  %s\n", self[m], self[m] * 100 / total, m | ("sort -rn | head -n " top)
    close("sort -rn | head -n " top)
  }'
