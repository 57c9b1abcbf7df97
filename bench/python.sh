#!/usr/bin/env bash
# bench/python.sh: om_python / im_python throughput and start-up on GraalPy, per JDK.
#
# Prints, for each JDK (and for the optimizing Truffle runtime where that JDK supports it):
#   - om_python pass-through (conf/python/passthrough.py): events/s, MB/s, JVM start -> first event written
#   - im_python counter (conf/python/counter_input.py): events/s, time to first event posted
#   - peak RSS of each run
#
#   bench/python.sh                      # EVENTS=300000, JDKs: $JAVA_HOME (or java on PATH) and temurin-25
#   EVENTS=1000000 JDKS="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" bench/python.sh
#
# JVM flags are the launcher's (-XX:+UseSerialGC -Xss1m, plus --enable-native-access on 21+).
# The driver is io.logship.python.PythonBench (python-modules test sources): it runs the real modules on
# the real scripts with a host stand-in that posts/writes in a loop, so the figures are the modules' own
# cost (no router, queues or other outputs). The machine's load average is printed: the figures scale
# with it on a shared 2-core box.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
EVENTS="${EVENTS:-300000}"
GRAAL_VERSION="$(sed -n 's:.*<graalpy.version>\(.*\)</graalpy.version>.*:\1:p' pom.xml | head -n 1)"
default_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; else dirname "$(dirname "$(readlink -f "$(command -v java)")")"; fi
}
JDKS="${JDKS:-$(default_jdk) /usr/lib/jvm/temurin-25-jdk-amd64}"

echo "building python-modules (GraalPy $GRAAL_VERSION)..." >&2
./mvnw -B -ntp -q -pl python-modules -am install -DskipTests >&2
./mvnw -B -ntp -q -pl python-modules test-compile >&2
./mvnw -B -ntp -q -pl python-modules dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/python-modules/target/bench.classpath" >&2
CP="$ROOT/python-modules/target/test-classes:$ROOT/python-modules/target/classes:$(cat "$ROOT/python-modules/target/bench.classpath")"

# The optimizing runtime on a stock JDK needs the Graal compiler as a JVMCI module; its version must
# match the JDK (GraalPy/compiler 25.0.x <-> JDK 25).
JVMCI_DIR="$ROOT/python-modules/target/jvmci"
jvmci_path() {
  mkdir -p "$JVMCI_DIR"
  for a in org.graalvm.compiler:compiler org.graalvm.truffle:truffle-compiler; do
    [ -f "$JVMCI_DIR/${a#*:}-$GRAAL_VERSION.jar" ] || ./mvnw -B -ntp -q dependency:copy \
      -Dartifact="$a:$GRAAL_VERSION" -DoutputDirectory="$JVMCI_DIR" >&2
  done
  local sdk
  sdk="$(tr ':' '\n' < "$ROOT/python-modules/target/bench.classpath" | grep -E '/(collections|word|nativeimage)-[0-9.]+\.jar$' | paste -sd:)"
  echo "$JVMCI_DIR/compiler-$GRAAL_VERSION.jar:$JVMCI_DIR/truffle-compiler-$GRAAL_VERSION.jar:$sdk"
}

run() { # label java opts...
  local label="$1" java="$2"; shift 2
  local log="$ROOT/python-modules/target/bench.log" rssf="$ROOT/python-modules/target/bench.rss"
  for mode in out in; do
    /usr/bin/time -f '%M' -o "$rssf" "$java" -XX:+UseSerialGC -Xss1m "$@" -cp "$CP" io.logship.python.PythonBench "$mode" "$EVENTS" \
      >"$log" 2>&1 || { echo "  [$label] FAILED:"; tail -n 20 "$log"; continue; }
    grep -E '^(om_python|im_python|calibration)' "$log" | sed "s/^/  [$label] /"
    echo "  [$label] peak RSS ($mode): $(awk '{printf "%.0f MB", $1/1024}' "$rssf")"
  done
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $EVENTS events per run"
for jdk in $JDKS; do
  java="$jdk/bin/java"
  [ -x "$java" ] || { echo "skipping $jdk (no bin/java)"; continue; }
  ver="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  opts=()
  if [ "$ver" -ge 21 ] 2>/dev/null; then
    opts+=(--enable-native-access=ALL-UNNAMED)
  fi
  if [ "$ver" -ge 24 ] 2>/dev/null; then
    opts+=(--sun-misc-unsafe-memory-access=allow)
  fi
  echo "JDK $ver ($jdk), interpreter (fallback) runtime:"
  run "jdk$ver interp" "$java" "${opts[@]}" -Dpolyglot.engine.WarnInterpreterOnly=false
  if [ "$ver" = "${GRAAL_VERSION%%.*}" ]; then
    mp="$(jvmci_path)"
    echo "JDK $ver, optimizing runtime (JVMCI + Graal compiler $GRAAL_VERSION):"
    echo "  flags: -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<compiler,truffle-compiler,collections,word,nativeimage jars>"
    run "jdk$ver optimizing" "$java" "${opts[@]}" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
      --upgrade-module-path="$mp"
  fi
done
# The real agent, when the host runtime is there: im_file -> om_python pass-through, ./logship --once.
if [ "${AGENT:-1}" = 1 ] && grep -q -- '--once' host-runner/src/main/java/io/logship/host/Main.java 2>/dev/null \
   && [ -f host-runner/src/main/java/io/logship/host/runtime/InputRunner.java -o -n "${FORCE_AGENT:-}" ]; then
  W="$ROOT/python-modules/target/bench-agent"; rm -rf "$W"; mkdir -p "$W"
  awk -v n="$EVENTS" 'BEGIN { for (i = 1; i <= n; i++) print "2026-11-23T05:00:00Z host app[1234]: user=alice action=login result=ok id=" i }' > "$W/in.log"
  printf '%s\n' "CacheDir $W/cache" "SpoolDir $W/spool" "<Input in>" "    Module       im_file" \
    "    File         $W/in.log" "    ReadFromLast FALSE" "</Input>" "<Output py>" "    Module      om_python" \
    "    PythonCode  $ROOT/conf/python/passthrough.py" "</Output>" "<Route r>" "    Path in => py" "</Route>" > "$W/pass.conf"
  echo "real agent (./logship --once, java $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')): im_file -> om_python pass-through, $EVENTS lines"
  start=$(date +%s%N)
  if /usr/bin/time -f '%M' -o "$W/rss" ./logship --once -c "$W/pass.conf" > "$W/agent.log" 2>&1; then
    end=$(date +%s%N)
    load_ms="$(sed -n 's/.*passthrough.py loaded in \([0-9]*\) ms.*/\1/p' "$W/agent.log" | head -n 1)"
    awk -v s="$start" -v e="$end" -v l="${load_ms:-0}" -v n="$EVENTS" -v r="$(cat "$W/rss")" 'BEGIN {
      wall = (e - s) / 1e9; run = wall - l / 1000;
      printf "  wall %.1f s (om_python load %.1f s): %.0f events/s after load, %.0f events/s overall, peak RSS %.0f MB\n", wall, l / 1000, n / run, n / wall, r / 1024 }'
    grep -E 'final: output py' "$W/agent.log" | sed 's/^/  /'
  else
    echo "  agent run failed:"; tail -n 5 "$W/agent.log" | sed 's/^/  /'
  fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
