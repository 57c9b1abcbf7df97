# bench/lib/fluent-bit.sh (sourced by bench/nxlog-lang.sh): finds, or builds, the Fluent Bit peer.
#
# fluent_bit_bin: prints the path of a fluent-bit binary: $FLUENT_BIT when set, else
#   $PEERS_DIR/fluent-bit/bin/fluent-bit (PEERS_DIR: default /work/peers when it exists, else var/peers of the
#   checkout); when that is absent and FLUENT_BIT_BUILD=1, builds it first (fluent_bit_build). Returns 1, and
#   prints how to get one to stderr, when there is none.
# fluent_bit_build: builds Fluent Bit FLUENT_BIT_TAG (default v5.1.1, the newest 5.1.x when this was written)
#   from its public source under nice -n 19, with only what the benches use: in_tail, in_syslog, in_tcp,
#   filter_parser, filter_grep, out_file, out_syslog, out_s3 (FLB_MINIMAL turns every other plugin off); no Kafka, LuaJIT, WASM, Go or Zig.
#   A release build (FLB_RELEASE: -O2, as Fluent Bit's own packages are built), with the system's sqlite (the
#   amalgamated copy is large and not needed). TLS, AWS (signv4) and the HTTP server stay on: v5.1.1 does not
#   compile without them (FLB_AWS=Off: flb_http_client.c then misses struct flb_upstream_node, which only
#   the AWS headers bring in; FLB_HTTP_SERVER=Off: mk_core_info.h is generated where the include path does
#   not look); none of them runs unless a config uses it.
#   Source: $PEERS_DIR/src/fluent-bit when present (any checkout of the tag), else a shallow clone of
#   https://github.com/fluent/fluent-bit at the tag. About 6 minutes on 2 quiet cores (35 under a load of 20).
#   Needs: apt-get install -y cmake make gcc g++ flex bison pkg-config libyaml-dev libsqlite3-dev libssl-dev
# Nothing of Fluent Bit belongs in git: source, build and binary live under PEERS_DIR.

fluent_bit_peers_dir() {
  if [ -n "${PEERS_DIR:-}" ]; then echo "$PEERS_DIR"
  elif [ -d /work/peers ]; then echo /work/peers
  else echo "$ROOT/var/peers"; fi
}

fluent_bit_bin() {
  local bin
  if [ -n "${FLUENT_BIT:-}" ]; then
    [ -x "$FLUENT_BIT" ] || { echo "FLUENT_BIT=$FLUENT_BIT is not an executable" >&2; return 1; }
    echo "$FLUENT_BIT"; return 0
  fi
  bin="$(fluent_bit_peers_dir)/fluent-bit/bin/fluent-bit"
  if [ ! -x "$bin" ] && [ "${FLUENT_BIT_BUILD:-0}" = 1 ]; then fluent_bit_build >&2 || return 1; fi
  if [ ! -x "$bin" ]; then
    echo "no Fluent Bit at $bin: set FLUENT_BIT=/path/to/fluent-bit, or FLUENT_BIT_BUILD=1 to build it there" >&2
    return 1
  fi
  echo "$bin"
}

fluent_bit_build() {
  local peers tag src build
  peers="$(fluent_bit_peers_dir)"; tag="${FLUENT_BIT_TAG:-v5.1.1}"
  src="$peers/src/fluent-bit"; build="$peers/fluent-bit"
  local tool
  for tool in cmake make cc c++ flex bison pkg-config; do
    command -v "$tool" >/dev/null || { echo "fluent_bit_build: no $tool (apt-get install -y cmake make gcc g++ flex bison pkg-config libyaml-dev libsqlite3-dev libssl-dev)" >&2; return 1; }
  done
  mkdir -p "$peers/src" "$build"
  if [ ! -f "$src/CMakeLists.txt" ]; then
    echo "fluent_bit_build: cloning fluent-bit $tag into $src" >&2
    git clone -q --depth 1 --branch "$tag" https://github.com/fluent/fluent-bit "$src" || return 1
  fi
  echo "fluent_bit_build: configuring $src into $build (log: $build/cmake.log)" >&2
  nice -n 19 cmake -S "$src" -B "$build" \
    -DFLB_MINIMAL=On -DFLB_RELEASE=On \
    -DFLB_IN_TAIL=On -DFLB_FILTER_PARSER=On -DFLB_FILTER_GREP=On -DFLB_OUT_FILE=On \
    -DFLB_IN_SYSLOG=On -DFLB_IN_TCP=On -DFLB_OUT_SYSLOG=On -DFLB_OUT_S3=On \
    -DFLB_PREFER_SYSTEM_LIB_SQLITE=On -DFLB_USE_SIMDUTF=No \
    -DFLB_KAFKA=Off -DFLB_LUAJIT=Off -DFLB_WASM=Off \
    -DFLB_ZIG=Off -DFLB_PROXY_GO=Off -DFLB_CUSTOM_CALYPTIA=Off \
    -DFLB_EXAMPLES=Off -DFLB_SHARED_LIB=Off -DFLB_TESTS_RUNTIME=Off -DFLB_TESTS_INTERNAL=Off \
    >"$build/cmake.log" 2>&1 || { echo "fluent_bit_build: cmake failed, see $build/cmake.log" >&2; return 1; }
  echo "fluent_bit_build: building (nice -n 19, log: $build/make.log)" >&2
  nice -n 19 make -C "$build" -j"$(nproc)" fluent-bit-bin >"$build/make.log" 2>&1 \
    || { echo "fluent_bit_build: make failed, see $build/make.log" >&2; return 1; }
  [ -x "$build/bin/fluent-bit" ] || { echo "fluent_bit_build: no $build/bin/fluent-bit after the build" >&2; return 1; }
}

# fluent_bit_parsers: a parsers file that defines syslog-rfc3164: Fluent Bit's own conf/parsers.conf from the
# source it was built from when it is there, else that file's definition of it (v5.1.1) written to $1.
fluent_bit_parsers() {
  local shipped; shipped="$(fluent_bit_peers_dir)/src/fluent-bit/conf/parsers.conf"
  if [ -z "${FLUENT_BIT:-}" ] && [ -f "$shipped" ] && grep -q 'syslog-rfc3164$' "$shipped"; then
    echo "$shipped"; return 0
  fi
  cat >"$1" <<'EOF'
# Fluent Bit v5.1.1 conf/parsers.conf, its syslog-rfc3164 entry
[PARSER]
    Name        syslog-rfc3164
    Format      regex
    Regex       /^\<(?<pri>[0-9]+)\>(?<time>[^ ]* {1,2}[^ ]* [^ ]*) (?<host>[^ ]*) (?<ident>[a-zA-Z0-9_\/\.\-]*)(?:\[(?<pid>[0-9]+)\])?(?:[^\:]*\:)? *(?<message>.*)$/
    Time_Key    time
    Time_Format %b %d %H:%M:%S
    Time_Keep   On
EOF
  echo "$1"
}
