# bench/lib/syslog-lines.sh (sourced by bench/nxlog-lang.sh and bench/net.sh): the benches' input lines.
#
# gen COUNT FILE TAG KIND: COUNT RFC 3164 lines of about 120 bytes, each unique (TAG and its number), one in ten
# with a message that starts with "debug"; the last one is the end marker "end-of-KIND TAG". Prints how many are
# not debug.
gen() {
  awk -v n="$1" -v f="$2" -v tag="$3" -v kind="$4" 'BEGIN {
    split("sshd kernel postgres nginx cron systemd", prog, " ")
    for (i = 1; i < n; i++) {
      if (i % 10 == 0) { msg = "debug cache lookup"; dbg++ } else msg = "request accepted"
      printf "<%d>Dec  2 %02d:%02d:%02d web%02d %s[%d]: %s %s id=%09d user=u%05d path=/api/v1/items/%06d st=200\n",
        8 * (1 + i % 23) + i % 8, (i / 3600) % 24, (i / 60) % 60, i % 60, i % 7, prog[1 + i % 6], 1000 + i % 9000,
        msg, tag, i, i % 50000, i % 999983 > f
    }
    printf "<13>Dec  2 23:59:59 web00 bench[1]: end-of-%s %s\n", kind, tag > f
    print n - dbg
  }'
}
