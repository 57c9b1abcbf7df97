# bench/lib/warm-store.sh (sourced by bench/om-s3.sh and bench/im-s3.sh)
#
# warm_store ENDPOINT BUCKET PREFIX STORE_PID: brings the embedded store (S3Proxy in its own JVM) to its
# steady speed before anything is timed. A real S3 is always warm; a fresh S3Proxy JVM keeps compiling its
# request path for tens of thousands of requests: measured here, its CPU per small PutObject fell from
# 2.7 ms (first 10,000) to 1.4, 0.9 and 0.6-0.7 ms, and per GetObject from 1.3 to 0.2-0.3 ms. Rounds of
# 5,000 PutObject (with om_s3's headers) + 5,000 GetObject + 5 ListObjectsV2 (curl, a few ms of client CPU per round, so the
# store's CPU is what is measured) run until a round costs the store no more than 10 % less CPU per request
# than the round before (at least 6, at most 10 rounds; about 40-90 s). Prints one line per round to stderr.
# Returns 1 (and does nothing) when curl is missing or has no --aws-sigv4 (curl < 7.75): callers then warm
# the store with agent runs instead.
warm_store() {
  local endpoint="$1" bucket="$2" prefix="$3" pid="$4"
  command -v curl >/dev/null 2>&1 && curl --help all 2>/dev/null | grep -q -- --aws-sigv4 || return 1
  local dir; dir="$(mktemp -d "${TMPDIR:-/tmp}/logship-warm-store.XXXXXX")"
  head -c 120 /dev/zero | tr '\0' 'x' > "$dir/body"
  local -a auth=(--aws-sigv4 "aws:amz:us-east-1:s3" --user logship:logship-local-secret
                 -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -s -S --no-progress-meter --fail -Z --parallel-max 16 --parallel-immediate)
  # the headers om_s3's one-event PutObjects carry (the store's conditional-create, metadata and checksum paths)
  local crc; crc=$(gzip -c < "$dir/body" | tail -c 8 | head -c 4 | od -An -tx1 | awk '{ printf "%s%s%s%s", $4, $3, $2, $1 }' \
    | xxd -r -p 2>/dev/null | base64 2>/dev/null)
  local -a put_headers=(-H "If-None-Match: *" -H "Content-Type: text/plain; charset=utf-8"
                        -H "x-amz-meta-logship-writer: warmup" -H "x-amz-meta-logship-seq: 1")
  [ -n "$crc" ] && put_headers+=(-H "x-amz-checksum-crc32: $crc")
  local hz; hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
  local round prev="" cost t0 c0 c1 t1
  for round in 1 2 3 4 5 6 7 8 9 10; do
    awk -v u="$endpoint/$bucket/$prefix$round" -v b="$dir/body" 'BEGIN { for (i = 0; i < 5000; i++)
      printf "url = \"%s/%07d\"\nupload-file = \"%s\"\noutput = \"/dev/null\"\n", u, i, b }' > "$dir/put"
    awk -v u="$endpoint/$bucket/$prefix$round" 'BEGIN { for (i = 0; i < 5000; i++)
      printf "url = \"%s/%07d\"\noutput = \"/dev/null\"\n", u, i }' > "$dir/get"
    awk -v u="$endpoint/$bucket/" -v p="$prefix$round%2F" 'BEGIN { for (i = 0; i < 5; i++)
      printf "url = \"%s?list-type=2&prefix=%s&start-after=%s%07d\"\noutput = \"/dev/null\"\n", u, p, p, i * 1000 }' > "$dir/list"
    c0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat"); t0=$(date +%s%N)
    curl "${auth[@]}" "${put_headers[@]}" -K "$dir/put" && curl "${auth[@]}" -K "$dir/get" && curl "${auth[@]}" -K "$dir/list" \
      || { echo "warm_store: requests to $endpoint failed" >&2; rm -rf "$dir"; return 1; }
    c1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat"); t1=$(date +%s%N)
    cost=$(awk -v c=$((c1 - c0)) -v hz="$hz" 'BEGIN { printf "%.3f", c / hz * 1000 / 10005 }')
    echo "store warm-up round $round: 10,005 requests in $(( (t1 - t0) / 1000000 )) ms, store CPU $cost ms per request" >&2
    if [ "$round" -ge 6 ] && awk -v a="$prev" -v b="$cost" 'BEGIN { exit !(b > a * 0.9) }'; then break; fi
    prev="$cost"
  done
  rm -rf "$dir"
}
