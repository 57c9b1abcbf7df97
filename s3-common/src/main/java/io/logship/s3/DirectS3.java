package io.logship.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.EndpointAuthScheme;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.Abortable;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.DateUtils;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The hot calls of the S3 modules, a small PutObject (om_s3, one object per event), GetObject (whole or
 * streamed) and a ListObjectsV2 page (im_s3), made without the SDK client's request pipeline: the request's header fields are marshalled from
 * the SDK's own model (its field list), signed by {@link SigV4} (checked against the SDK's signer by its
 * tests) and sent on the JDK's HttpURLConnection with the S3Client's timeouts; where HTTPS_PROXY-style
 * variables are set, on the S3Client's own HTTP client (the Apache client, which follows them) instead.
 * That pipeline (interceptors, endpoint rules, auth-scheme resolution, metrics, retry bookkeeping) costs
 * about as much CPU as the HTTP exchange itself per small object (async-profiler, this machine: 0.5 of 0.75
 * ms per PutObject, JIT-compiled; more in a fresh JVM).
 *
 * <p>One direct call is one attempt. A failure that is final (AccessDenied, NoSuchKey, a bad signature, any
 * 4xx) is thrown as the S3Client would throw it: an {@link S3Exception} with S3's error code, message and
 * request id, so S3Errors' advice reads the same. A failure worth a retry (no answer, a reset connection,
 * 5xx, SlowDown) is thrown the same way when {@code MaxRetries} is 0, and otherwise hands the call to the
 * S3Client (the call returns empty), whose own retries and backoff follow: such a call can make one attempt
 * more than MaxRetries allows; for a second after such a failure every call goes to the S3Client. A
 * retried PutObject is safe: uploads carry {@code If-None-Match: *} and om_s3 recognises its own object
 * after a 412. A request with a field this class does not marshal is not sent at all (empty).
 *
 * <p>Used only where the endpoint resolves, once, to a fixed URL signed with SigV4 (an {@code Endpoint}
 * store, or AWS with a known region); {@link #create} returns null otherwise (cross-region access, S3
 * Express, SigV4a), and the modules use the S3Client alone.
 */
public final class DirectS3 {
    private static final String USER_AGENT = "logship aws-sdk-java (direct)";
    /** How long calls go to the S3Client after a retriable failure (see pausedUntilNanos). */
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final SdkHttpClient http;
    /** Opens a connection to a URL with the store's timeouts (the JDK's HttpURLConnection), or null: use http. */
    private final Function<URI, HttpURLConnection> connections;
    /** scheme://authority of base, to which a request's path is appended. */
    private final String origin;
    private final AwsCredentialsProvider credentials;
    private final SigV4 signer;
    private final URI base;
    /** The Host header HttpURLConnection sends for base (the port only when it is not the scheme's default). */
    private final String host;
    private final String bucket;
    private final boolean signPayload;
    private final boolean retries;
    private final Clock clock;
    /**
     * Store time minus local time, learned from a RequestTimeTooSkewed answer's Date header, as the S3Client's
     * clock-skew adjustment does: requests are then signed with the store's time. 0 until such an answer.
     */
    private volatile long skewMillis;
    /**
     * After a retriable failure (no answer, 5xx, SlowDown) handed to the S3Client, calls go straight to the
     * S3Client until this System.nanoTime(), so its retry strategy alone paces the requests while the store
     * is in trouble (a direct attempt before each of its calls would add load to a throttling store).
     */
    private volatile long pausedUntilNanos;

    private DirectS3(SdkHttpClient http, Function<URI, HttpURLConnection> connections,
                     AwsCredentialsProvider credentials, URI base, String bucket, SigV4AuthScheme scheme,
                     int maxRetries, Clock clock) {
        this.clock = clock;
        this.retries = maxRetries > 0;
        this.http = http;
        this.connections = connections;
        this.origin = base.getScheme() + "://" + base.getRawAuthority();
        this.credentials = credentials;
        this.base = base;
        this.bucket = bucket;
        this.signer = new SigV4(scheme.signingRegion(), scheme.signingName() != null ? scheme.signingName() : "s3",
                !Boolean.TRUE.equals(scheme.disableDoubleEncoding()));
        int port = base.getPort();
        boolean defaultPort = port == -1 || port == ("https".equalsIgnoreCase(base.getScheme()) ? 443 : 80);
        this.host = defaultPort ? base.getHost() : base.getHost() + ":" + port;
        // As the SDK: the payload's SHA-256 is signed over plain HTTP; over TLS it is not (UNSIGNED-PAYLOAD,
        // the CRC-32 header still lets S3 check the body).
        this.signPayload = !"https".equalsIgnoreCase(base.getScheme());
    }

    /**
     * The direct path for {@code bucket} at the endpoint the SDK would use, or null where it does not apply:
     * {@code endpoint} empty and {@code crossRegion} (the region is found per request), or an endpoint that
     * is not plain SigV4 without extra headers. Requests go on connections from {@code connections}
     * (HttpURLConnection with the store's timeouts) or, when it is null, on {@code http} (the S3Client's
     * Apache client: S3Settings passes null where proxy variables are set). An SDK HTTP client around the
     * same connections cost about a sixth of a small request's client CPU (building the URI and header maps,
     * copying the response headers).
     */
    static DirectS3 create(SdkHttpClient http, Function<URI, HttpURLConnection> connections,
                           AwsCredentialsProvider credentials, String bucket, Region region, Optional<URI> endpoint,
                           boolean pathStyle, boolean crossRegion, int maxRetries) {
        return create(http, connections, credentials, bucket, region, endpoint, pathStyle, crossRegion, maxRetries,
                Clock.systemUTC());
    }

    /** As {@link #create(SdkHttpClient, Function, AwsCredentialsProvider, String, Region, Optional, boolean,
     * boolean, int)} with the clock requests are signed with (tests: a skewed one). */
    static DirectS3 create(SdkHttpClient http, Function<URI, HttpURLConnection> connections,
                           AwsCredentialsProvider credentials, String bucket, Region region,
                           Optional<URI> endpoint, boolean pathStyle, boolean crossRegion, int maxRetries,
                           Clock clock) {
        if (crossRegion && endpoint.isEmpty()) {
            return null;
        }
        Endpoint e;
        try {
            e = S3EndpointProvider.defaultProvider().resolveEndpoint(S3EndpointParams.builder()
                    .bucket(bucket).region(region).forcePathStyle(pathStyle)
                    .endpoint(endpoint.map(URI::toString).orElse(null))
                    .useFips(false).useDualStack(false).accelerate(false).build()).join();
        } catch (RuntimeException ex) {
            return null; // the S3Client reports the same problem, with its own message, at the first call
        }
        if (!e.headers().isEmpty()) {
            return null;
        }
        List<EndpointAuthScheme> schemes = e.attribute(AwsEndpointAttribute.AUTH_SCHEMES);
        if (schemes == null || schemes.isEmpty() || !(schemes.get(0) instanceof SigV4AuthScheme v4)
                || v4.signingRegion() == null) {
            return null;
        }
        return new DirectS3(http, connections, credentials, e.url(), bucket, v4, maxRetries, clock);
    }

    /** Where requests go: the bucket's URL (path-style: endpoint/bucket; else the bucket's host). */
    public URI base() {
        return base;
    }

    /**
     * PutObject of {@code body} with the header fields of {@code request} (bucket and key must match this
     * client's bucket; Content-Length is set from the body). Returns the HTTP status when the store
     * answered 2xx or 412 (Precondition Failed: the key exists), empty when the caller should make the call
     * on the S3Client instead (see the class comment); throws what the S3Client would throw for a final
     * failure.
     */
    public Optional<Integer> put(PutObjectRequest request, byte[] body) {
        Map<String, List<String>> headers = paused() ? null : headers(request);
        if (headers == null) {
            return Optional.empty();
        }
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        Answer r = execute(SdkHttpMethod.PUT, request.key(), headers, body);
        if (r == null) {
            return Optional.empty();
        }
        try {
            if (r.status / 100 == 2 || r.status == 412) {
                drain(r.body);
                return Optional.of(r.status);
            }
            return failed(r);
        } catch (IOException e) {
            return failed(e);
        } finally {
            close(r.body);
        }
    }

    /** A whole object: the response fields, as the S3Client would return them, and the body. */
    public record Whole(GetObjectResponse response, byte[] bytes) {
    }

    /**
     * GetObject of a whole (small) object with the header fields of {@code request}, read into memory. When
     * the request enables checksum mode and the answer carries a full-object checksum, the body is checked
     * against it, as the SDK does. Any outcome but a 2xx answer read whole and matching its checksum is
     * empty, and the caller asks the S3Client (which throws S3's error for it, or reads it again).
     */
    public Optional<Whole> getWhole(GetObjectRequest request) {
        Map<String, List<String>> headers = paused() ? null : headers(request);
        if (headers == null || request.range() != null) {
            return Optional.empty();
        }
        Opened o = openGet(request, headers);
        if (o == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = o.answer.body.readAllBytes();
            if (request.checksumMode() != null && !checksumMatches(o.response, bytes)) {
                return Optional.empty(); // the S3Client reads it again and reports the mismatch its way
            }
            return Optional.of(new Whole(o.response, bytes));
        } catch (IOException e) {
            return failed(e);
        } finally {
            close(o.answer.body);
        }
    }

    /** A 2xx GetObject answer, its body not yet read, and its header fields as the S3Client's response. */
    private record Opened(Answer answer, GetObjectResponse response) {
    }

    /**
     * Sends a GetObject and returns its 2xx answer with the response fields, the body left for the caller to
     * read and close; null (the body closed) when the caller should make the call on the S3Client (see the
     * class comment; also headers this class cannot read); throws what the S3Client would throw for a final
     * failure.
     */
    private Opened openGet(GetObjectRequest request, Map<String, List<String>> headers) {
        Answer r = execute(SdkHttpMethod.GET, request.key(), headers, null);
        if (r == null) {
            return null;
        }
        boolean handedOn = false;
        try {
            if (r.status / 100 != 2) {
                failed(r); // throws, or hands the call over
                return null;
            }
            GetObjectResponse.Builder b = GetObjectResponse.builder();
            if (r.body == null || !fromHeaders(b, r.headers())) {
                return null;
            }
            handedOn = true;
            return new Opened(r, (GetObjectResponse) b.sdkHttpResponse(r.sdkResponse()).build());
        } finally {
            if (!handedOn) {
                close(r.body);
            }
        }
    }

    /** The query parameters of a ListObjectsV2 request that {@link #list} sends; with any other, it does not. */
    private static final Set<String> LIST_PARAMS = Set.of("prefix", "start-after",
            "continuation-token", "max-keys");

    /**
     * ListObjectsV2 (one page) with the fields of {@code request}: bucket, and prefix, start-after,
     * continuation-token and max-keys among the query fields (a delimiter, an encoding type or owners would
     * change the answer's form: such a request is left to the S3Client). The answer is read with
     * {@link ListingXml} into the response the S3Client would return. Empty when the caller should list on the
     * S3Client (see the class comment; also an answer this class cannot read); throws what the S3Client would
     * throw for a final failure.
     */
    public Optional<ListObjectsV2Response> list(ListObjectsV2Request request) {
        Map<String, String> query = new HashMap<>();
        Map<String, List<String>> headers = paused() ? null : headers(request, query);
        if (headers == null) {
            return Optional.empty();
        }
        query.put("list-type", "2");
        Answer r = execute(SdkHttpMethod.GET, "", query, headers, null);
        if (r == null) {
            return Optional.empty();
        }
        try {
            if (r.status / 100 != 2) {
                return failed(r);
            }
            if (r.body == null) {
                return Optional.empty();
            }
            ListObjectsV2Response page;
            try {
                page = ListingXml.parse(r.body);
            } catch (XMLStreamException | RuntimeException e) {
                return Optional.empty(); // the S3Client lists again and reports what it makes of the answer
            }
            drain(r.body);
            return Optional.of((ListObjectsV2Response) page.toBuilder().sdkHttpResponse(r.sdkResponse()).build());
        } catch (IOException e) {
            return failed(e);
        } finally {
            close(r.body);
        }
    }

    /**
     * GetObject with the header fields of {@code request} (a Range and an If-Match among them), its body left
     * to stream: the caller reads it and closes it (the connection is then kept alive) or aborts it (the
     * connection is dropped). No checksum is checked: a request in checksum mode is left to the S3Client, as
     * is anything else this class does not send (empty); a final failure throws what the S3Client would throw.
     */
    public Optional<ResponseInputStream<GetObjectResponse>> getStream(GetObjectRequest request) {
        Map<String, List<String>> headers = paused() || request.checksumMode() != null ? null : headers(request);
        if (headers == null) {
            return Optional.empty();
        }
        Opened o = openGet(request, headers);
        if (o == null) {
            return Optional.empty();
        }
        return Optional.of(new ResponseInputStream<>(o.response,
                AbortableInputStream.create(o.answer.body, o.answer.abort)));
    }

    /** True unless the response names a full-object checksum that the bytes do not have. */
    static boolean checksumMatches(GetObjectResponse r, byte[] bytes) {
        if ("COMPOSITE".equals(r.checksumTypeAsString())) {
            return true; // a checksum of the parts' checksums: the SDK does not check it either
        }
        String[][] known = {
            {r.checksumCRC64NVME(), "CRC64NVME"}, {r.checksumCRC32C(), "CRC32C"}, {r.checksumCRC32(), "CRC32"},
            {r.checksumSHA256(), "SHA256"}, {r.checksumSHA1(), "SHA1"},
        };
        for (String[] k : known) {
            if (k[0] != null && k[0].indexOf('-') < 0) {
                SdkChecksum c = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.fromValue(k[1]));
                c.update(bytes, 0, bytes.length);
                return k[0].equals(Base64.getEncoder().encodeToString(c.getChecksumBytes()));
            }
        }
        return true;
    }

    /**
     * An answer: status, headers (as received; HttpURLConnection's map has the status line under the null
     * key) and the body to read and close (null when there is none). An HttpURLConnection's header map is
     * built only when asked for: a successful PutObject reads no header.
     */
    private static final class Answer {
        final int status;
        final String statusText;
        final InputStream body;
        final Abortable abort;
        private final HttpURLConnection connection;
        private Map<String, List<String>> headers;

        Answer(int status, String statusText, Map<String, List<String>> headers, InputStream body,
               Abortable abort) {
            this(status, statusText, headers, null, body, abort);
        }

        Answer(int status, String statusText, HttpURLConnection connection, InputStream body) {
            this(status, statusText, null, connection, body, connection::disconnect);
        }

        private Answer(int status, String statusText, Map<String, List<String>> headers,
                       HttpURLConnection connection, InputStream body, Abortable abort) {
            this.status = status;
            this.statusText = statusText;
            this.headers = headers;
            this.connection = connection;
            this.body = body;
            this.abort = abort;
        }

        Map<String, List<String>> headers() {
            if (headers == null) {
                headers = connection.getHeaderFields();
            }
            return headers;
        }

        /** The first value of a header, by case-insensitive name, or null. */
        String header(String name) {
            if (headers == null) {
                return connection.getHeaderField(name); // case-insensitive, as the map lookup below
            }
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (name.equalsIgnoreCase(e.getKey()) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The answer as the SDK describes it (for errors and GetObjectResponse). */
        SdkHttpResponse sdkResponse() {
            SdkHttpResponse.Builder b = SdkHttpResponse.builder().statusCode(status).statusText(statusText);
            headers().forEach((k, v) -> {
                if (k != null) {
                    b.putHeader(k, v);
                }
            });
            return b.build();
        }
    }

    /** Sends the signed request; null when it could not be signed or sent (see failed(IOException)). */
    private Answer execute(SdkHttpMethod method, String key, Map<String, List<String>> headers, byte[] payload) {
        return execute(method, key, Map.of(), headers, payload);
    }

    /** As above, with query parameters (names and values not yet encoded). */
    private Answer execute(SdkHttpMethod method, String key, Map<String, String> query,
                           Map<String, List<String>> headers, byte[] payload) {
        headers.putIfAbsent("User-Agent", List.of(USER_AGENT));
        String path = base.getRawPath() + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        String canonicalQuery = query.isEmpty() ? "" : SigV4.canonicalQuery(query);
        try {
            signer.sign(method.name(), host, path, canonicalQuery, headers, payload, signPayload || payload == null,
                    credentials.resolveCredentials(), clock.instant().plusMillis(skewMillis));
        } catch (RuntimeException e) {
            return null; // credentials that do not resolve: the S3Client's error says which source failed
        }
        try {
            return connections != null
                    ? send(method, canonicalQuery.isEmpty() ? path : path + "?" + canonicalQuery, headers, payload)
                    : sendSdk(method, path, query, headers, payload);
        } catch (IOException e) {
            failed(e);
            return null;
        } catch (UncheckedIOException e) {
            failed(e.getCause());
            return null;
        }
    }

    /**
     * One exchange on an HttpURLConnection (kept alive and reused by the JDK once its answer was read);
     * {@code pathAndQuery} as sent (encoded).
     */
    private Answer send(SdkHttpMethod method, String pathAndQuery, Map<String, List<String>> headers, byte[] payload)
            throws IOException {
        HttpURLConnection c = connections.apply(URI.create(origin + pathAndQuery));
        c.setRequestMethod(method.name());
        c.setInstanceFollowRedirects(false);
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Length")) { // from the fixed-length body below
                for (String v : h.getValue()) {
                    c.addRequestProperty(h.getKey(), v);
                }
            }
        }
        if (payload != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(payload.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(payload);
            }
        }
        int status = c.getResponseCode();
        if (status < 0) {
            c.disconnect();
            throw new IOException("not an HTTP answer from " + origin);
        }
        InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
        return new Answer(status, c.getResponseMessage(), c, body);
    }

    /** One exchange on the SDK HTTP client (the S3Client's Apache client, where proxy variables are set). */
    private Answer sendSdk(SdkHttpMethod method, String path, Map<String, String> query,
                           Map<String, List<String>> headers, byte[] payload) throws IOException {
        SdkHttpRequest.Builder rb = SdkHttpRequest.builder().method(method).uri(base).encodedPath(path).headers(headers);
        query.forEach(rb::putRawQueryParameter);
        SdkHttpRequest req = rb.build();
        HttpExecuteResponse r = http.prepareRequest(HttpExecuteRequest.builder().request(req)
                .contentStreamProvider(payload == null ? null : ContentStreamProvider.fromByteArrayUnsafe(payload))
                .build()).call();
        SdkHttpResponse h = r.httpResponse();
        AbortableInputStream body = r.responseBody().orElse(null);
        return new Answer(h.statusCode(), h.statusText().orElse(null), h.headers(), body,
                body == null ? () -> { } : body::abort);
    }

    /** A transport failure: thrown as the SDK would (no retries left), or empty (the S3Client retries). */
    private <T> Optional<T> failed(IOException e) {
        if (retries) {
            pause();
            return Optional.empty();
        }
        throw SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage()).cause(e)
                .build();
    }

    /** An error answer: thrown as S3's error unless it is worth a retry that MaxRetries allows. */
    private <T> Optional<T> failed(Answer r) {
        r.headers(); // read while the connection is still open: it is dropped below
        byte[] body;
        try {
            body = r.body != null ? r.body.readNBytes(64 * 1024) : new byte[0];
        } catch (IOException e) {
            return failed(e);
        } finally {
            // not kept alive: a store may close the connection after an error answer, and the next call would
            // then fail on it for that reason alone (seen with RequestTimeTooSkewed)
            try {
                r.abort.abort();
            } catch (RuntimeException ignored) {
                // dropping it anyway
            }
        }
        S3Exception ex = error(r.sdkResponse(), body);
        boolean skewed = "RequestTimeTooSkewed".equals(ex.awsErrorDetails().errorCode());
        if (skewed) {
            learnSkew(r.header("Date")); // the next direct call is signed with the store's time: no pause
        }
        if (retries && S3Errors.isRetriable(ex)) {
            if (!skewed) {
                pause();
            }
            return Optional.empty();
        }
        throw ex;
    }

    private void pause() {
        pausedUntilNanos = System.nanoTime() + PAUSE_AFTER_FAILURE.toNanos();
    }

    private boolean paused() {
        long until = pausedUntilNanos;
        return until != 0 && System.nanoTime() - until < 0;
    }

    private void learnSkew(String date) {
        if (date != null) {
            try {
                skewMillis = DateUtils.parseRfc1123Date(date).toEpochMilli() - clock.millis();
            } catch (RuntimeException e) {
                // no usable Date: the next requests are signed with the local time again
            }
        }
    }

    /** S3's error answer as the S3Client builds it: status, error code, message and request id. */
    static S3Exception error(SdkHttpResponse h, byte[] body) {
        String xml = new String(body, StandardCharsets.UTF_8);
        String code = element(xml, "Code");
        String message = element(xml, "Message");
        String requestId = element(xml, "RequestId");
        if (requestId == null) {
            requestId = h.firstMatchingHeader("x-amz-request-id").orElse(null);
        }
        if (message == null) {
            message = h.statusText().orElse("HTTP " + h.statusCode());
        }
        return (S3Exception) S3Exception.builder()
                .message(message + " (Service: S3, Status Code: " + h.statusCode() + ", Request ID: " + requestId
                        + ")")
                .statusCode(h.statusCode()).requestId(requestId)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3")
                        .sdkHttpResponse(h).rawResponse(SdkBytes.fromByteArray(body)).build())
                .build();
    }

    /** The text of the first {@code <name>} element of an S3 error document (no nesting there), or null. */
    private static String element(String xml, String name) {
        int a = xml.indexOf("<" + name + ">");
        int b = a < 0 ? -1 : xml.indexOf("</" + name + ">", a);
        if (b < 0) {
            return null;
        }
        return xml.substring(a + name.length() + 2, b).replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    /**
     * The request's header fields as HTTP headers, or null when it sets a field that is not a header of
     * this bucket's object (a query parameter, another bucket) or a value this class does not format.
     */
    private Map<String, List<String>> headers(SdkRequest request) {
        return headers(request, null);
    }

    /**
     * As {@link #headers(SdkRequest)}, also taking the query fields named in {@link #LIST_PARAMS} into
     * {@code query} (null: no query field is allowed).
     */
    private Map<String, List<String>> headers(SdkRequest request, Map<String, String> query) {
        Map<String, List<String>> out = new HashMap<>();
        for (SdkField<?> f : request.sdkFields()) {
            Object v = f.getValueOrDefault(request);
            if (v == null || v instanceof Collection<?> c && c.isEmpty()) {
                continue; // unset (a list field is an empty list when unset)
            }
            switch (f.location()) {
                case PATH, GREEDY_PATH -> {
                    if (f.locationName().equals("Bucket") ? !bucket.equals(v) : !f.locationName().equals("Key")) {
                        return null;
                    }
                }
                case HEADER -> {
                    if (v instanceof Map<?, ?> m) {
                        for (Map.Entry<?, ?> x : m.entrySet()) {
                            if (!(x.getValue() instanceof String s) || !ascii(s)) {
                                return null; // the SDK encodes these; leave them to it
                            }
                            out.put(f.locationName() + x.getKey(), List.of(s));
                        }
                    } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                        out.put(f.locationName(), List.of(v.toString()));
                    } else {
                        return null;
                    }
                }
                case QUERY_PARAM -> {
                    if (query == null || !LIST_PARAMS.contains(f.locationName())
                            || !(v instanceof String || v instanceof Integer)) {
                        return null;
                    }
                    query.put(f.locationName(), v.toString());
                }
                default -> {
                    return null;
                }
            }
        }
        return out;
    }

    /** GetObjectResponse's header fields by lower-case header name; the metadata map under its prefix. */
    private static final Map<String, SdkField<?>> GET_FIELDS = new HashMap<>();
    private static final String META = "x-amz-meta-";

    static {
        for (SdkField<?> f : GetObjectResponse.builder().sdkFields()) {
            if (f.location() == MarshallLocation.HEADER) {
                // Expires is there twice (Instant and String): the Instant one is listed first and kept
                GET_FIELDS.putIfAbsent(f.locationName().toLowerCase(Locale.ROOT), f);
            }
        }
    }

    /** The last Last-Modified value parsed and its Instant (a listing's objects often share one). */
    private volatile Object[] lastDate = {"", Instant.EPOCH};

    /** Sets the builder's header fields from the response; false on a value it cannot parse. */
    private boolean fromHeaders(GetObjectResponse.Builder builder, Map<String, List<String>> headers) {
        Map<String, String> meta = new HashMap<>();
        String expires = null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue().isEmpty()) {
                continue;
            }
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String v = e.getValue().get(0);
            if (name.startsWith(META)) {
                meta.put(e.getKey().substring(META.length()), v);
                continue;
            }
            if (name.equals("expires")) {
                expires = v;
            }
            SdkField<?> f = GET_FIELDS.get(name);
            if (f == null) {
                continue;
            }
            try {
                switch (f.marshallingType().toString()) {
                    case "String" -> f.set(builder, v);
                    case "Long" -> f.set(builder, Long.parseLong(v));
                    case "Integer" -> f.set(builder, Integer.parseInt(v));
                    case "Boolean" -> f.set(builder, Boolean.parseBoolean(v));
                    case "Instant" -> f.set(builder, instant(v));
                    default -> {
                        return false;
                    }
                }
            } catch (RuntimeException x) {
                if (!name.equals("expires")) {
                    return false; // the SDK, too, keeps an unparseable Expires only as a string
                }
            }
        }
        if (!meta.isEmpty()) {
            builder.metadata(meta);
        }
        if (expires != null) {
            builder.expiresString(expires);
        }
        return true;
    }

    private Instant instant(String v) {
        Object[] last = lastDate;
        if (last[0].equals(v)) {
            return (Instant) last[1];
        }
        Instant t = v.indexOf(',') >= 0 ? DateUtils.parseRfc1123Date(v) : DateUtils.parseIso8601Date(v);
        lastDate = new Object[] {v, t};
        return t;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Reads the rest of the body: the connection is reused only after its response was read. */
    private static void drain(InputStream body) throws IOException {
        if (body != null) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void close(InputStream body) {
        IoUtils.closeQuietly(body, null);
    }

    @Override
    public String toString() {
        return "DirectS3[" + base + ", " + signer + "]";
    }
}
