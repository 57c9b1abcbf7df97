package io.logship.s3;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns S3 failures into advice a person can act on (which IAM action on which ARN, which credential
 * source, the clock, the endpoint), and logs it once per burst: the first failure of a kind is logged
 * with advice, repeats are counted and summarised at most every {@link #REMINDER_INTERVAL} until a
 * success of the same operation ends the burst (a successful listing does not end a burst of failing
 * downloads). Thread-safe.
 */
public final class S3Errors {
    /** How often a burst of the same failure is logged again (with the number of repeats). */
    public static final Duration REMINDER_INTERVAL = Duration.ofMinutes(5);

    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "TooManyRequests", "TooManyRequestsException", "RequestLimitExceeded", "ServiceUnavailable",
            "RequestThrottled", "BandwidthLimitExceeded");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException",
            "TokenRefreshRequired", "RequestExpired");
    private static final Set<String> TRANSIENT = Set.of("InternalError", "RequestTimeout", "RequestTimeTooSkewed",
            "OperationAborted", "IDPCommunicationError", "PriorRequestNotComplete", "ConnectionError",
            "RequestTimeoutException", "EC2ThrottledException");

    private final S3Settings settings;
    private final Logger log;
    private final Clock clock;
    /** Per kind of failure in the current burst: when it was last logged and how often it came since. */
    private final java.util.Map<String, long[]> burst = new java.util.LinkedHashMap<>();

    public S3Errors(S3Settings settings, Logger log, Clock clock) {
        this.settings = settings;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Logs the advice for a failure unless the same kind of failure was already logged in this burst;
     * returns the advice either way (for exception messages).
     */
    public String report(Throwable t, S3Operation op, String key) {
        String text = advice(t, op, key);
        String kind = op.apiName() + ": " + kind(t);
        long repeats = -1;
        synchronized (this) {
            long now = clock.millis();
            long[] state = burst.get(kind);
            if (state == null) {
                burst.put(kind, new long[] {now, 0});
                repeats = 0;
            } else if (now - state[0] >= REMINDER_INTERVAL.toMillis()) {
                repeats = state[1];
                state[0] = now;
                state[1] = 0;
            } else {
                state[1]++;
            }
        }
        if (repeats >= 0) {
            String more = repeats > 0 ? " (" + repeats + " more like it since the last report)" : "";
            if (isRetriable(t)) {
                log.warn("{}{}", text, more);
            } else {
                log.error("{}{}", text, more);
            }
        } else if (log.isDebugEnabled()) {
            log.debug("{}", text);
        }
        return text;
    }

    /** Ends every current burst: the next failure of any kind is logged with advice again. */
    public void success() {
        success((S3Operation[]) null);
    }

    /** Ends the bursts of failures of these operations, which just succeeded; other bursts go on. */
    public void success(S3Operation... ops) {
        java.util.List<String> endedKinds = new java.util.ArrayList<>();
        long n = 0;
        synchronized (this) {
            if (burst.isEmpty()) {
                return;
            }
            var it = burst.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (ops == null || java.util.Arrays.stream(ops).anyMatch(o -> e.getKey().startsWith(o.apiName() + ": "))) {
                    endedKinds.add(e.getKey());
                    n += e.getValue()[1];
                    it.remove();
                }
            }
        }
        if (endedKinds.isEmpty()) {
            return;
        }
        String ended = String.join(", ", endedKinds);
        log.info("S3 requests succeed again after {}{}", ended, n > 0 ? " (" + n + " repeats not logged)" : "");
    }

    /** The advice for one failure: what failed, on which object, why, and what to do. Never a secret. */
    public String advice(Throwable t, S3Operation op, String key) {
        String bucket = settings.bucket();
        String target = "s3://" + bucket + (op.onObject() && key != null ? "/" + key : "");
        String arn = "arn:" + settings.arnPartition() + ":s3:::" + bucket
                + (op.onObject() ? "/" + (key == null ? "*" : key) : "");
        String where = settings.endpoint().map(URI::toString)
                .orElse("AWS S3" + settings.region().map(r -> " in " + r).orElse(""));
        String head = op.apiName() + " " + target + " failed: ";
        String code = errorCode(t);
        AwsServiceException ase = find(t, AwsServiceException.class);
        SdkServiceException sse = find(t, SdkServiceException.class);
        int status = sse == null ? 0 : sse.statusCode();
        String detail = code == null ? "" : code + (status > 0 ? " (HTTP " + status + requestId(sse) + ")" : "")
                + ": ";
        if (code != null) {
            switch (code) {
                case "AccessDenied", "AllAccessDisabled", "AccessDeniedException":
                    return head + detail + "the identity from " + settings.credentialSource() + " may not "
                            + op.iamAction() + " on " + arn + ". Grant " + op.iamAction() + " on " + arn
                            + (op.onObject() ? " (or on arn:" + settings.arnPartition() + ":s3:::" + bucket
                            + "/* for every key)" : "")
                            + " in that identity's IAM policy, and check that no bucket policy, SCP or VPC"
                            + " endpoint policy denies it; objects encrypted with aws:kms also need"
                            + " kms:GenerateDataKey (write) or kms:Decrypt (read) on the KMS key.";
                case "NoSuchBucket":
                    return head + detail + "bucket '" + bucket + "' does not exist at " + where
                            + ". Check Bucket, Region and Endpoint; logship never creates buckets"
                            + " (create it with: aws s3 mb s3://" + bucket + ").";
                case "InvalidAccessKeyId":
                    return head + detail + where + " does not know the access key id from "
                            + settings.credentialSource() + ". Check that the key exists and is active (IAM"
                            + " console, aws iam list-access-keys) and that Endpoint points at the store the"
                            + " key belongs to.";
                case "SignatureDoesNotMatch":
                    return head + detail + "the request signature does not match: the secret key from "
                            + settings.credentialSource() + " is not the one of its access key id (or a"
                            + " proxy altered the request). Check the secret; for S3-compatible stores also"
                            + " Region (the region signed for) and PathStyle.";
                case "RequestTimeTooSkewed":
                    return head + detail + "this machine's clock differs from " + where + "'s by more than"
                            + " 15 minutes (local time now " + clock.instant() + "). Synchronise the clock"
                            + " (NTP: timedatectl set-ntp true, chronyc makestep); requests are retried.";
                case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
                    return head + detail + "the bucket is in another region than the client signs for ("
                            + settings.region().orElse("default region") + "): set Region to the bucket's"
                            + " region. " + message(ase, t);
                case "PreconditionFailed":
                    return head + detail + "the key already exists (conditional create, If-None-Match: *)";
                case "NoSuchKey":
                    return head + detail + target + " does not exist (deleted or moved after it was listed?).";
                case "InvalidBucketName":
                    return head + detail + "'" + bucket + "' is not a valid bucket name for " + where + ".";
                case "KMS.NotFoundException", "KMS.DisabledException", "KMS.KMSInvalidStateException",
                     "KMS.AccessDeniedException", "KMSAccessDenied":
                    return head + detail + "the KMS key for ServerSideEncryption aws:kms is missing, disabled"
                            + " or not usable by the identity from " + settings.credentialSource()
                            + ": check KmsKeyId and the key policy (kms:GenerateDataKey, kms:Decrypt). "
                            + message(ase, t);
                case "EntityTooLarge", "EntityTooSmall", "InvalidPart", "InvalidPartOrder", "NoSuchUpload":
                    return head + detail + message(ase, t) + " (multipart upload state lost or part sizes"
                            + " refused by the store; the upload is retried from the start).";
                default:
                    break;
            }
            if (EXPIRED.contains(code)) {
                return head + detail + "the temporary credentials from " + settings.credentialSource()
                        + " have expired. Refresh them (aws sso login, the job that writes them) or use"
                        + " Profile/RoleArn so the SDK refreshes them; requests are retried.";
            }
            if (THROTTLING.contains(code) || status == 429 || status == 503 && code.equals("SlowDown")) {
                return head + detail + where + " asks to slow down; backing off and retrying. If it"
                        + " persists: fewer, larger objects (raise MaxEventsPerObject/FlushInterval), or spread"
                        + " writers over more key prefixes (Server, KeyFormat).";
            }
        }
        if (status >= 500) {
            return head + detail + where + " had a server-side error; retrying with backoff. "
                    + message(ase, t);
        }
        if (find(t, ApiCallAttemptTimeoutException.class) != null || find(t, ApiCallTimeoutException.class) != null
                || find(t, SocketTimeoutException.class) != null) {
            return head + "no answer from " + where + " within RequestTimeout (" + settings.requestTimeout()
                    + "); retrying. A slow network or store: raise RequestTimeout.";
        }
        SSLException tls = find(t, SSLException.class);
        if (tls != null) {
            return head + tlsAdvice(t, where);
        }
        UnknownHostException uhe = find(t, UnknownHostException.class);
        if (uhe != null) {
            return head + "host name " + uhe.getMessage() + " does not resolve. Check Endpoint/Region"
                    + (settings.pathStyle() ? "" : "; without PathStyle TRUE the bucket is part of the host"
                    + " name (" + bucket + ".HOST), which most S3-compatible stores need PathStyle TRUE for")
                    + ".";
        }
        if (find(t, ConnectException.class) != null || find(t, NoRouteToHostException.class) != null
                || find(t, SocketException.class) != null) {
            return head + "cannot connect to " + where + " (" + rootMessage(t) + "). Is the store up, is"
                    + " Endpoint right, does a firewall or proxy block it? Retrying with backoff.";
        }
        if (find(t, SdkClientException.class) != null || find(t, IOException.class) != null) {
            return head + "client-side failure talking to " + where + ": " + rootMessage(t)
                    + (isRetriable(t) ? "; retrying." : ".");
        }
        return head + detail + message(ase, t);
    }

    /**
     * Why a TLS handshake failed and which directive fixes it: a certificate for another host name, one not
     * signed by a trusted CA (HTTPSCAFile), an expired one, or no TLS at all on the other side.
     */
    private String tlsAdvice(Throwable t, String where) {
        String why = rootMessage(t);
        if (find(t, SSLPeerUnverifiedException.class) != null || why.contains("No subject alternative")
                || why.contains("No name matching") || why.contains("doesn't match any of the subject")) {
            return "the TLS certificate of " + where + " is for another host name (" + why + "). Set Endpoint"
                    + " to a host name the certificate names (it is verified always unless HTTPSAllowUntrusted"
                    + " TRUE); retrying.";
        }
        if (find(t, CertificateExpiredException.class) != null
                || find(t, CertificateNotYetValidException.class) != null) {
            return "the TLS certificate of " + where + " has expired or is not valid yet (" + why + ", local"
                    + " time now " + clock.instant() + "). Renew the certificate, or synchronise this machine's"
                    + " clock; retrying.";
        }
        if (find(t, CertificateException.class) != null || find(t, CertPathBuilderException.class) != null
                || find(t, CertPathValidatorException.class) != null) {
            String fix = settings.httpsCaFile()
                    .map(f -> "Add the CA certificate that signed it to HTTPSCAFile " + f
                            + " (a PEM file; for a self-signed certificate, the certificate itself)")
                    .orElse("Set HTTPSCAFile to a PEM file of the CA certificate that signed it (for a self-signed"
                            + " certificate, the certificate itself)");
            return "the TLS certificate of " + where + " is not trusted: it is not signed by any of "
                    + settings.httpsTrustDescription() + " (" + why + "). " + fix + "; HTTPSAllowUntrusted TRUE"
                    + " turns verification off, for tests only. Retrying.";
        }
        return "the TLS handshake with " + where + " failed (" + why + "). Does the endpoint speak HTTPS on that"
                + " port (an http:// store answers https:// with garbage)? Retrying.";
    }

    /** The S3 error code (AccessDenied, SlowDown...) of the failure or one of its causes, or null. */
    public static String errorCode(Throwable t) {
        AwsServiceException ase = find(t, AwsServiceException.class);
        if (ase != null && ase.awsErrorDetails() != null && ase.awsErrorDetails().errorCode() != null) {
            return ase.awsErrorDetails().errorCode();
        }
        SdkServiceException sse = find(t, SdkServiceException.class);
        if (sse != null) {
            return switch (sse.statusCode()) {
                case 403 -> "AccessDenied";
                case 404 -> "NotFound";
                case 412 -> "PreconditionFailed";
                case 429 -> "TooManyRequests";
                case 503 -> "SlowDown";
                default -> null;
            };
        }
        return null;
    }

    /** The HTTP status of the failure, or 0 when there was no answer. */
    public static int statusCode(Throwable t) {
        SdkServiceException sse = find(t, SdkServiceException.class);
        return sse == null ? 0 : sse.statusCode();
    }

    /**
     * True when the same request may succeed later without a config change: network failures,
     * timeouts, 5xx, throttling, clock skew and expired temporary credentials (refreshed by their
     * provider). False for access, credential, missing-bucket and other client errors.
     */
    public static boolean isRetriable(Throwable t) {
        if (t == null) {
            return false;
        }
        if (find(t, InterruptedException.class) != null || find(t, java.nio.channels.ClosedByInterruptException.class)
                != null) {
            return false;
        }
        String code = errorCode(t);
        int status = statusCode(t);
        if (code != null && (THROTTLING.contains(code) || EXPIRED.contains(code) || TRANSIENT.contains(code))) {
            return true;
        }
        if (status >= 500 || status == 429 || status == 408) {
            return true;
        }
        if (status > 0) {
            return false;
        }
        if (find(t, SdkServiceException.class) != null) {
            return false;
        }
        return find(t, SdkClientException.class) != null || find(t, IOException.class) != null
                || find(t, ApiCallTimeoutException.class) != null;
    }

    /** A short name for the kind of failure, used to group a burst: the error code or the exception type. */
    static String kind(Throwable t) {
        String code = errorCode(t);
        if (code != null) {
            return code;
        }
        if (find(t, SocketException.class) != null || find(t, NoRouteToHostException.class) != null
                || find(t, UnknownHostException.class) != null) {
            return "connection failure";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String requestId(SdkServiceException e) {
        return Optional.ofNullable(e.requestId()).filter(s -> !s.isBlank()).map(s -> ", request id " + s).orElse("");
    }

    private static String message(AwsServiceException ase, Throwable t) {
        if (ase != null && ase.awsErrorDetails() != null && ase.awsErrorDetails().errorMessage() != null) {
            return ase.awsErrorDetails().errorMessage();
        }
        return rootMessage(t);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public String toString() {
        return "S3Errors[" + settings.bucket() + "]";
    }
}
