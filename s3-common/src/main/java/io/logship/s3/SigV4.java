package io.logship.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * AWS Signature Version 4 in the Authorization header, for {@link DirectS3}'s requests (a path and, for a
 * listing, a query string): the algorithm of https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html.
 * The S3Client signs with the SDK's AwsV4HttpSigner; this one gives the same signature for the same request
 * (SigV4Test compares the two, and checks the S3 documentation's examples), at a fraction of the CPU: on this
 * project's 2-core machine the SDK's signer was about 30 % of the CPU of a one-event PutObject sent directly
 * (its request builders, property maps and canonicalisation objects), this one computes two SHA-256 digests
 * and one HMAC per request, the signing key being derived once a day per credentials.
 *
 * <p>Every header of the request is signed except {@code User-Agent} (as the SDK), plus {@code Host} (from
 * the URL, as HttpURLConnection sends it), {@code x-amz-date}, {@code x-amz-content-sha256} and, with
 * session credentials, {@code x-amz-security-token}, which {@link #sign} adds. Thread-safe.
 */
final class SigV4 {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String region;
    private final String service;
    private final boolean doubleUrlEncode;
    /** The last x-amz-date value and its second (the formatter costs more than the rest of a signature). */
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "");
    /** The last signing key: its day, the credentials it was derived from, the key. */
    private volatile SigningKey key;

    private record Stamp(long epochSecond, String text) {
    }

    private record SigningKey(String day, String accessKeyId, String secretAccessKey, byte[] bytes) {
    }

    SigV4(String region, String service, boolean doubleUrlEncode) {
        this.region = region;
        this.service = service;
        this.doubleUrlEncode = doubleUrlEncode;
    }

    /**
     * Signs a request in place: adds {@code x-amz-date}, {@code x-amz-content-sha256}, {@code
     * x-amz-security-token} (session credentials) and {@code Authorization} to {@code headers}.
     *
     * @param host        the Host header the request is sent with (host, or host:port for a port that is
     *                    not the scheme's default)
     * @param encodedPath the request path as sent (URL-encoded)
     * @param payload     the body, or null for none; hashed when {@code signPayload}, else UNSIGNED-PAYLOAD
     */
    void sign(String method, String host, String encodedPath, Map<String, List<String>> headers, byte[] payload,
              boolean signPayload, AwsCredentials credentials, Instant now) {
        sign(method, host, encodedPath, "", headers, payload, signPayload, credentials, now);
    }

    /**
     * As {@link #sign(String, String, String, Map, byte[], boolean, AwsCredentials, Instant)} for a request with
     * a query string, given in its canonical form (see {@link #canonicalQuery}), which is also how it must be sent.
     */
    void sign(String method, String host, String encodedPath, String canonicalQuery, Map<String, List<String>> headers,
              byte[] payload, boolean signPayload, AwsCredentials credentials, Instant now) {
        String time = time(now);
        String day = time.substring(0, 8);
        String contentSha256 = signPayload ? hex(sha256(payload == null ? new byte[0] : payload)) : UNSIGNED_PAYLOAD;
        headers.put("x-amz-date", List.of(time));
        headers.put("x-amz-content-sha256", List.of(contentSha256));
        if (credentials instanceof AwsSessionCredentials s) {
            headers.put("x-amz-security-token", List.of(s.sessionToken()));
        }
        TreeMap<String, List<String>> canonical = new TreeMap<>();
        canonical.put("host", List.of(host));
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("user-agent") && !name.equals("authorization") && !name.equals("host")) {
                canonical.computeIfAbsent(name, n -> new ArrayList<>(1)).addAll(h.getValue());
            }
        }
        StringBuilder req = new StringBuilder(512).append(method).append('\n')
                .append(doubleUrlEncode ? encodePath(encodedPath) : encodedPath).append('\n')
                .append(canonicalQuery).append('\n');
        StringBuilder signed = new StringBuilder(128);
        for (Map.Entry<String, List<String>> h : canonical.entrySet()) {
            req.append(h.getKey()).append(':');
            List<String> values = h.getValue();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    req.append(',');
                }
                appendTrimmed(req, values.get(i));
            }
            req.append('\n');
            if (signed.length() > 0) {
                signed.append(';');
            }
            signed.append(h.getKey());
        }
        req.append('\n').append(signed).append('\n').append(contentSha256);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = ALGORITHM + "\n" + time + "\n" + scope + "\n"
                + hex(sha256(req.toString().getBytes(StandardCharsets.UTF_8)));
        String signature = hex(hmac(signingKey(day, credentials), toSign));
        headers.put("Authorization", List.of(ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signed + ", Signature=" + signature));
    }

    /**
     * The canonical query string of the parameters (names and values as given, not yet encoded): each name
     * and value URI-encoded (RFC 3986: all but A-Z a-z 0-9 - _ . ~), sorted by encoded name, {@code name=value}
     * joined by {@code &}; a parameter without a value is {@code name=}.
     */
    static String canonicalQuery(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>();
        params.forEach((k, v) -> sorted.put(SdkHttpUtils.urlEncode(k), v == null ? "" : SdkHttpUtils.urlEncode(v)));
        StringBuilder sb = new StringBuilder(64);
        sorted.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    private String time(Instant now) {
        Stamp st = stamp;
        if (st.epochSecond != now.getEpochSecond()) {
            st = new Stamp(now.getEpochSecond(), TIME.format(now));
            stamp = st;
        }
        return st.text;
    }

    /**
     * The canonical request's form of a header value: without leading and trailing white space, each run
     * of white space (space, tab, CR, LF, VT, FF) as one space (as the SDK's V4CanonicalRequest).
     */
    private static void appendTrimmed(StringBuilder sb, String v) {
        int before = sb.length();
        boolean start = true;
        boolean previousSpace = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
                if (!start && !previousSpace) {
                    sb.append(' ');
                    previousSpace = true;
                }
            } else {
                sb.append(c);
                start = false;
                previousSpace = false;
            }
        }
        if (previousSpace && sb.length() > before) {
            sb.setLength(sb.length() - 1);
        }
    }

    /** Services other than S3 sign the path encoded once more (S3's endpoints turn that off). */
    private static String encodePath(String encodedPath) {
        return SdkHttpUtils.urlEncodeIgnoreSlashes(encodedPath);
    }

    private byte[] signingKey(String day, AwsCredentials c) {
        SigningKey k = key;
        if (k != null && k.day.equals(day) && k.accessKeyId.equals(c.accessKeyId())
                && k.secretAccessKey.equals(c.secretAccessKey())) {
            return k.bytes;
        }
        byte[] b = hmac(("AWS4" + c.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day);
        b = hmac(b, region);
        b = hmac(b, service);
        b = hmac(b, "aws4_request");
        key = new SigningKey(day, c.accessKeyId(), c.secretAccessKey(), b);
        return b;
    }

    /** Per thread: MessageDigest and Mac instances are not thread-safe, and looking one up costs microseconds. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    });
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256 in this JVM", e);
        }
    });

    private static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "sigv4 " + service + "/" + region;
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
