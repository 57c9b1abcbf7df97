package io.logship.s3;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.ModuleConfig;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where and how both S3 modules talk to S3: bucket, region, endpoint, addressing, checksum mode,
 * credentials, timeouts and retries. Built from a module's config with {@link #from}; builds clients with
 * {@link #newClient}. {@link #toString()} never shows a secret.
 */
public final class S3Settings {
    /** Default size of the HTTP connection pool of {@link #newClient()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    public static final Directive<String> BUCKET = Directive.string("Bucket").required()
            .withCheck(S3Settings::checkBucket)
            .withDoc("The bucket name (not an ARN or URL). logship never creates, deletes or reconfigures it.");
    public static final Directive<String> REGION = Directive.string("Region")
            .withDefaultText("the AWS default region chain (AWS_REGION, profile), else us-east-1")
            .withDoc("The region the bucket is in, e.g. eu-central-1. With Endpoint set, the region to sign for"
                    + " (us-east-1 when not given).");
    public static final Directive<String> ENDPOINT = Directive.string("Endpoint")
            .withCheck(S3Settings::checkEndpoint)
            .withDoc("An S3-compatible endpoint URL (MinIO, Ceph RGW, LocalStack, S3Proxy), e.g."
                    + " http://127.0.0.1:9000. Unset: AWS S3 for the region.");
    public static final Directive<Boolean> PATH_STYLE = Directive.bool("PathStyle").withDefault(Boolean.FALSE)
            .withDoc("Address the bucket in the path (http://host/bucket/key) instead of the host name; most"
                    + " S3-compatible stores need TRUE.");
    public static final Directive<String> CHECKSUM_MODE = Directive.choice("ChecksumMode",
                    "when_supported", "when_required").withDefault("when_supported")
            .withDoc("When the SDK computes request checksums and validates response checksums."
                    + " when_required: only where S3 demands them, for S3-compatible stores that reject the"
                    + " SDK's default CRC checksums (older MinIO, Ceph, S3Proxy versions).");
    public static final Directive<String> PROFILE = Directive.string("Profile")
            .withDoc("A profile of ~/.aws/credentials and ~/.aws/config to take credentials from.");
    public static final Directive<String> ROLE_ARN = Directive.string("RoleArn")
            .withCheck(v -> {
                if (!v.startsWith("arn:")) {
                    throw new IllegalArgumentException("expected an IAM role ARN such as"
                            + " arn:aws:iam::123456789012:role/logship");
                }
            })
            .withDoc("An IAM role to assume through STS with the other credentials (refreshed before expiry).");
    public static final Directive<String> EXTERNAL_ID = Directive.string("ExternalId")
            .withDoc("The external id the role's trust policy requires (with RoleArn).");
    public static final Directive<String> ACCESS_KEY_ID = Directive.string("AccessKeyId").secret()
            .withDoc("A static access key id. Prefer the default chain, Profile or RoleArn; logship warns when"
                    + " the config file holding it is readable by others.");
    public static final Directive<String> SECRET_ACCESS_KEY = Directive.string("SecretAccessKey").secret()
            .withDoc("The secret of AccessKeyId. Never logged.");
    public static final Directive<String> SESSION_TOKEN = Directive.string("SessionToken").secret()
            .withDoc("A session token for temporary static keys (with AccessKeyId and SecretAccessKey).");
    public static final Directive<Duration> REQUEST_TIMEOUT = Directive.duration("RequestTimeout")
            .withDefault(Duration.ofSeconds(60))
            .withCheck(d -> {
                if (d.isZero() || d.isNegative()) {
                    throw new IllegalArgumentException("must be positive");
                }
            })
            .withDoc("Time limit of one HTTP attempt (connect, send, receive); a slower attempt is retried.");
    public static final Directive<Long> MAX_RETRIES = Directive.integer("MaxRetries").withDefault(3L)
            .withCheck(n -> {
                if (n < 0 || n > 100) {
                    throw new IllegalArgumentException("must be between 0 and 100");
                }
            })
            .withDoc("Retries of one request inside the SDK (with its backoff) before the module's own"
                    + " handling (spool and retry for om_s3, next poll for im_s3) takes over.");
    public static final Directive<Path> HTTPS_CA_FILE = Directive.path("HTTPSCAFile")
            .withDefaultText("the JVM's trusted CA certificates (its cacerts)")
            .withDoc("A PEM file of the CA certificates to trust for an https:// Endpoint (for a self-signed"
                    + " certificate, the certificate itself). As in NXLog, it replaces the default trust store:"
                    + " only these CAs are trusted; to keep the public CAs too, append them to the file (e.g."
                    + " /etc/ssl/certs/ca-certificates.crt). Host names are still verified.");
    public static final Directive<Boolean> HTTPS_ALLOW_UNTRUSTED = Directive.bool("HTTPSAllowUntrusted")
            .withDefault(Boolean.FALSE)
            .withDoc("TRUE accepts any TLS certificate for any host name: no protection against a"
                    + " man in the middle. For tests only; trust a private CA with HTTPSCAFile instead.");

    private static final Pattern LOCATION = Pattern.compile("(.+):(\\d+)");

    private final String bucket;
    private final Optional<String> region;
    private final Optional<URI> endpoint;
    private final boolean pathStyle;
    private final String checksumMode;
    private final S3Credentials credentialSources;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final HttpsTrust https;
    private final String credentialSource;
    private final List<String> warnings;

    private S3Settings(Builder b, List<String> warnings) {
        this.bucket = b.bucket;
        this.region = Optional.ofNullable(b.region);
        this.endpoint = Optional.ofNullable(b.endpoint).map(URI::create);
        this.pathStyle = b.pathStyle;
        this.checksumMode = b.checksumMode;
        this.credentialSources = new S3Credentials(b.accessKeyId, b.secretAccessKey, b.sessionToken, b.profile, b.roleArn,
                b.externalId);
        this.requestTimeout = b.requestTimeout;
        this.maxRetries = b.maxRetries;
        this.https = b.https;
        this.warnings = List.copyOf(warnings);
        this.credentialSource = credentialSources.describe();
    }

    /** Every directive both S3 modules share, in documentation order. */
    public static List<Directive<?>> directives() {
        return List.of(BUCKET, REGION, ENDPOINT, PATH_STYLE, CHECKSUM_MODE, PROFILE, ROLE_ARN, EXTERNAL_ID,
                ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, REQUEST_TIMEOUT, MAX_RETRIES, HTTPS_CA_FILE,
                HTTPS_ALLOW_UNTRUSTED);
    }

    /**
     * Reads the shared directives and checks them against each other. Problems are collected and thrown
     * together. Warnings (e.g. static keys in a file others can read) are in {@link #warnings()} for the
     * module to log at start: the config file is found from {@link ModuleConfig#location} of AccessKeyId.
     */
    public static S3Settings from(ModuleConfig c) throws ConfigException {
        Builder b = builder()
                .bucket(c.get(BUCKET))
                .region(c.get(REGION))
                .endpoint(c.get(ENDPOINT))
                .pathStyle(Boolean.TRUE.equals(c.get(PATH_STYLE)))
                .checksumMode(c.get(CHECKSUM_MODE))
                .profile(c.get(PROFILE))
                .roleArn(c.get(ROLE_ARN), c.get(EXTERNAL_ID))
                .staticCredentials(c.get(ACCESS_KEY_ID), c.get(SECRET_ACCESS_KEY), c.get(SESSION_TOKEN))
                .requestTimeout(c.get(REQUEST_TIMEOUT))
                .maxRetries(c.get(MAX_RETRIES).intValue());
        List<String> problems = new ArrayList<>();
        String where = ": " + c.instanceName() + ": ";
        if (c.isSet(ACCESS_KEY_ID) != c.isSet(SECRET_ACCESS_KEY)) {
            Directive<?> given = c.isSet(ACCESS_KEY_ID) ? ACCESS_KEY_ID : SECRET_ACCESS_KEY;
            Directive<?> missing = c.isSet(ACCESS_KEY_ID) ? SECRET_ACCESS_KEY : ACCESS_KEY_ID;
            problems.add(c.location(given) + where + given.name() + " is set but " + missing.name()
                    + " is not: give both, or neither to use the AWS default credential chain");
        }
        if (c.isSet(SESSION_TOKEN) && !c.isSet(ACCESS_KEY_ID)) {
            problems.add(c.location(SESSION_TOKEN) + where
                    + "SessionToken needs AccessKeyId and SecretAccessKey");
        }
        if (c.isSet(PROFILE) && c.isSet(ACCESS_KEY_ID)) {
            problems.add(c.location(PROFILE) + where + "Profile and AccessKeyId are both set: choose one"
                    + " credential source (static keys would silently win)");
        }
        if (c.isSet(EXTERNAL_ID) && !c.isSet(ROLE_ARN)) {
            problems.add(c.location(EXTERNAL_ID) + where + "ExternalId is only used with RoleArn");
        }
        boolean allowUntrusted = Boolean.TRUE.equals(c.get(HTTPS_ALLOW_UNTRUSTED));
        if (c.isSet(HTTPS_CA_FILE) && allowUntrusted) {
            problems.add(c.location(HTTPS_ALLOW_UNTRUSTED) + where + "HTTPSAllowUntrusted TRUE turns off the"
                    + " certificate checks HTTPSCAFile configures: choose one");
        } else if (c.isSet(HTTPS_CA_FILE)) {
            try {
                b.https(HttpsTrust.caFile(c.get(HTTPS_CA_FILE)));
            } catch (IllegalArgumentException e) {
                problems.add(c.location(HTTPS_CA_FILE) + where + "HTTPSCAFile: " + e.getMessage());
            }
        } else if (allowUntrusted) {
            b.https(HttpsTrust.allowingUntrusted());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<String> warnings = new ArrayList<>();
        boolean https = c.get(ENDPOINT) == null || c.get(ENDPOINT).toLowerCase(Locale.ROOT).startsWith("https:");
        for (Directive<?> d : List.of(HTTPS_CA_FILE, HTTPS_ALLOW_UNTRUSTED)) {
            if (c.isSet(d) && !https) {
                warnings.add(c.location(d) + where + d.name() + " has no effect: Endpoint " + c.get(ENDPOINT)
                        + " is plain http://");
            }
        }
        if (allowUntrusted && https && !c.isSet(HTTPS_CA_FILE)) {
            warnings.add(c.location(HTTPS_ALLOW_UNTRUSTED) + where + "HTTPSAllowUntrusted TRUE: the TLS"
                    + " certificate and host name of " + Optional.ofNullable(c.get(ENDPOINT)).orElse("AWS S3")
                    + " are not verified, so anyone on the network path can read and change what is sent;"
                    + " trust its CA with HTTPSCAFile instead");
        }
        if (c.isSet(ACCESS_KEY_ID)) {
            configFileOf(c.location(ACCESS_KEY_ID)).flatMap(S3Settings::permissionWarning)
                    .ifPresent(w -> warnings.add(c.location(ACCESS_KEY_ID) + where + w));
        }
        return b.build(warnings);
    }

    /**
     * The warning for a config file that holds static keys and can be read by users other than its
     * owner, or empty when it is private (or permissions cannot be read, e.g. on Windows).
     */
    public static Optional<String> permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            boolean group = perms.contains(PosixFilePermission.GROUP_READ);
            boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
            if (!group && !others) {
                return Optional.empty();
            }
            return Optional.of("static AWS keys are in " + file + ", which is readable by "
                    + (others ? "every user" : "its group") + "; run chmod 600 on it, or better use the"
                    + " default credential chain, Profile or RoleArn instead of AccessKeyId/SecretAccessKey");
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> configFileOf(String location) {
        Matcher m = LOCATION.matcher(location == null ? "" : location);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(m.group(1));
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client with a connection pool of {@link #DEFAULT_MAX_CONNECTIONS}. */
    public S3Client newClient() {
        return newClient(DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * A new S3 client (AWS SDK v2, Apache HttpClient 5 with {@code maxConnections} pooled connections).
     * The caller closes it. Credentials are resolved lazily, at the first request.
     */
    public S3Client newClient(int maxConnections) {
        return newClient(maxConnections, b -> { });
    }

    /** As {@link #newClient(int)}, with {@code customize} applied to the builder last (module-specific settings). */
    public S3Client newClient(int maxConnections, Consumer<S3ClientBuilder> customize) {
        return open(maxConnections, customize).client();
    }

    /**
     * As {@link #newClient(int, Consumer)}, with the HTTP client and credentials beside the S3Client. Close the
     * result, not only its client: the HTTP client and credentials are closed with it.
     */
    public S3Access open(int maxConnections, Consumer<S3ClientBuilder> customize) {
        // Apache HttpClient 5 with JDK TLS, chosen by steady-state measurement (bench/steady.sh, docs/performance.md).
        // No Expect: 100-continue of the HTTP client's own: it costs every small PUT a round trip and the store a
        // second read; the SDK still asks for it on PutObject/UploadPart bodies over 1 MiB (S3Configuration's
        // expectContinueThresholdInBytes), where a refused request then sends no body.
        Supplier<SdkHttpClient> httpFactory = () -> {
            Apache5HttpClient.Builder hb = Apache5HttpClient.builder()
                    .maxConnections(maxConnections)
                    .connectionTimeout(min(requestTimeout, Duration.ofSeconds(10)))
                    .socketTimeout(requestTimeout)
                    .connectionAcquisitionTimeout(requestTimeout)
                    .expectContinueEnabled(false)
                    .tcpKeepAlive(true);
            https.trustManagers().ifPresent(hb::tlsTrustManagersProvider);
            return hb.buildWithDefaults(https.httpDefaults());
        };
        Region r = resolveRegion();
        AwsCredentialsProvider credentials = credentialsProvider(r);
        Function<SdkHttpClient, S3Client> clientFactory = http -> {
            S3ClientBuilder b = configure(S3Client.builder().httpClient(http), r, credentials);
            customize.accept(b);
            return b.build();
        };
        return new S3Access(httpFactory, clientFactory, credentials);
    }

    /**
     * An asynchronous client beside {@code access}, for what the SDK does best asynchronously: multipart
     * uploads ({@code customize} enables them). Same region, endpoint, addressing, checksum mode, timeouts and
     * retries as {@link #open}, on the credentials of {@code access} (closed with it, not with this client),
     * over the SDK's Netty HTTP client with the JDK's TLS (certificates and host names verified), at most
     * {@code maxConcurrency} requests at a time. The caller closes it (which closes its HTTP client), before
     * {@code access}.
     */
    public S3AsyncClient openAsync(S3Access access, int maxConcurrency, Consumer<S3AsyncClientBuilder> customize) {
        NettyNioAsyncHttpClient.Builder nb = NettyNioAsyncHttpClient.builder()
                .maxConcurrency(maxConcurrency)
                .connectionTimeout(min(requestTimeout, Duration.ofSeconds(10)))
                .readTimeout(requestTimeout)
                .writeTimeout(requestTimeout)
                .connectionAcquisitionTimeout(requestTimeout)
                .tcpKeepAlive(true)
                .sslProvider(SslProvider.JDK);
        https.trustManagers().ifPresent(nb::tlsTrustManagersProvider);
        S3AsyncClientBuilder b = configure(S3AsyncClient.builder().httpClientBuilder(new HttpsTrust.AsyncBuilder(nb,
                https)), resolveRegion(), access.credentials());
        customize.accept(b);
        return b.build();
    }

    /** The settings every client of these settings shares, sync or async. */
    private <B extends S3BaseClientBuilder<B, ?>> B configure(B b, Region r, AwsCredentialsProvider credentials) {
        b.region(r)
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                .overrideConfiguration(o -> o
                        .apiCallAttemptTimeout(requestTimeout)
                        .retryStrategy(rs -> rs.maxAttempts(maxRetries + 1)));
        endpoint.ifPresent(b::endpointOverride);
        if (endpoint.isEmpty() && region.isEmpty()) {
            b.crossRegionAccessEnabled(true);
        }
        if (!checksumsWhenSupported()) {
            b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else {
            b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED);
        }
        return b;
    }

    Region resolveRegion() {
        if (region.isPresent()) {
            return Region.of(region.get());
        }
        if (endpoint.isPresent()) {
            return Region.US_EAST_1;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }

    AwsCredentialsProvider credentialsProvider(Region r) {
        return credentialSources.provider(r);
    }

    /** The access key id with all but its first 4 and last 4 characters hidden, or "none". */
    String maskedKeyId() {
        return credentialSources.maskedKeyId();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void checkBucket(String b) {
        if (b.isEmpty() || b.length() > 255) {
            throw new IllegalArgumentException("a bucket name has 1 to 255 characters (3 to 63 on AWS)");
        }
        if (b.contains("/") || b.startsWith("arn:") || b.contains("://")) {
            throw new IllegalArgumentException("give the bare bucket name (no s3://, ARN or '/'): put a key"
                    + " prefix in the module's prefix directive");
        }
    }

    private static void checkEndpoint(String e) {
        try {
            URI u = new URI(e);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new IllegalArgumentException("expected an http:// or https:// URL such as"
                        + " http://127.0.0.1:9000");
            }
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException("not a URL: " + ex.getReason());
        }
    }

    public String bucket() {
        return bucket;
    }

    public Optional<String> region() {
        return region;
    }

    public Optional<URI> endpoint() {
        return endpoint;
    }

    public boolean pathStyle() {
        return pathStyle;
    }

    /** True for ChecksumMode when_supported (the SDK's default), false for when_required. */
    public boolean checksumsWhenSupported() {
        return "when_supported".equals(checksumMode);
    }

    /** "when_supported" or "when_required". */
    public String checksumMode() {
        return checksumMode;
    }

    public Optional<String> profile() {
        return credentialSources.profile();
    }

    public Optional<String> roleArn() {
        return credentialSources.roleArn();
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** HTTPSCAFile, when set: the only CA certificates trusted for the endpoint. */
    public Optional<Path> httpsCaFile() {
        return https.caFile();
    }

    /** HTTPSAllowUntrusted: true when TLS certificates and host names are not verified. */
    public boolean httpsAllowUntrusted() {
        return https.allowUntrusted();
    }

    /** For messages: which TLS certificates the client accepts. */
    String httpsTrustDescription() {
        return https.describe();
    }

    /** Where credentials come from, for messages (never a secret). */
    public String credentialSource() {
        return credentialSource;
    }

    /** Warnings found while reading the config (each names file:line and instance); log them at start. */
    public List<String> warnings() {
        return warnings;
    }

    /** The ARN partition for the configured region: aws, aws-cn or aws-us-gov. */
    public String arnPartition() {
        String r = region.orElse("");
        if (r.startsWith("cn-")) {
            return "aws-cn";
        }
        if (r.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", region=" + region.orElse("(default)")
                + ", endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + ", pathStyle=" + pathStyle
                + ", checksumMode=" + checksumMode + ", credentials=" + credentialSource
                + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + ", tlsTrust="
                + https.describe() + "]";
    }

    /** Builds settings in code (tests, tools); {@link #from} is the config route. */
    public static final class Builder {
        private String bucket;
        private String region;
        private String endpoint;
        private boolean pathStyle;
        private String checksumMode = "when_supported";
        private String profile;
        private String roleArn;
        private String externalId;
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int maxRetries = 3;
        private HttpsTrust https = HttpsTrust.SYSTEM;

        private Builder() {
        }

        public Builder bucket(String v) {
            checkBucket(v);
            this.bucket = v;
            return this;
        }

        public Builder region(String v) {
            this.region = v;
            return this;
        }

        public Builder endpoint(String v) {
            if (v != null) {
                checkEndpoint(v);
            }
            this.endpoint = v;
            return this;
        }

        public Builder endpoint(URI v) {
            return endpoint(v == null ? null : v.toString());
        }

        public Builder pathStyle(boolean v) {
            this.pathStyle = v;
            return this;
        }

        public Builder checksumMode(String v) {
            String m = v == null ? "when_supported" : v.toLowerCase(Locale.ROOT);
            if (!m.equals("when_supported") && !m.equals("when_required")) {
                throw new IllegalArgumentException("ChecksumMode must be when_supported or when_required");
            }
            this.checksumMode = m;
            return this;
        }

        public Builder profile(String v) {
            this.profile = v;
            return this;
        }

        public Builder roleArn(String arn, String externalId) {
            this.roleArn = arn;
            this.externalId = externalId;
            return this;
        }

        public Builder staticCredentials(String keyId, String secret, String token) {
            this.accessKeyId = keyId;
            this.secretAccessKey = secret;
            this.sessionToken = token;
            return this;
        }

        public Builder requestTimeout(Duration v) {
            this.requestTimeout = v;
            return this;
        }

        public Builder maxRetries(int v) {
            this.maxRetries = v;
            return this;
        }

        /**
         * Trust exactly the CA certificates of this PEM file (HTTPSCAFile); null for the JVM's trust store.
         *
         * @throws IllegalArgumentException when the file cannot be read or holds no certificate
         */
        public Builder httpsCaFile(Path pem) {
            this.https = pem == null ? HttpsTrust.SYSTEM : HttpsTrust.caFile(pem);
            return this;
        }

        /** Accept any certificate for any host name (HTTPSAllowUntrusted TRUE): tests only. */
        public Builder httpsAllowUntrusted(boolean v) {
            this.https = v ? HttpsTrust.allowingUntrusted() : HttpsTrust.SYSTEM;
            return this;
        }

        Builder https(HttpsTrust v) {
            this.https = v;
            return this;
        }

        public S3Settings build() {
            return build(List.of());
        }

        S3Settings build(List<String> warnings) {
            if (bucket == null) {
                throw new IllegalStateException("bucket is required");
            }
            if ((accessKeyId == null) != (secretAccessKey == null)) {
                throw new IllegalStateException("give both access key id and secret, or neither");
            }
            return new S3Settings(this, warnings);
        }

        @Override
        public String toString() {
            return "S3Settings.Builder[bucket=" + bucket + "]";
        }
    }
}
