package io.logship.s3server;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault {@link FaultyS3} injects into one request. Immutable; build with the static factories.
 *
 * <ul>
 *   <li>{@link #slowDown()}, {@link #internalError()}, {@link #accessDenied()}, {@link #error}: the proxy answers
 *       with that status and an S3 XML error body, without contacting the store (the request has no effect).</li>
 *   <li>{@link #resetOnRequest()}: the connection is reset as soon as the request head is read (the client may be
 *       sending its body: it sees a reset mid-request). The store is not contacted.</li>
 *   <li>{@link #resetBeforeResponse()}: the request is forwarded and applied by the store, then the client's
 *       connection is reset before any response byte: the client cannot know whether it took effect.</li>
 *   <li>{@link #resetMidBody(long)}: the request is forwarded, the response head and the first {@code n} body bytes
 *       reach the client, then the connection is reset.</li>
 *   <li>{@link #stall()} / {@link #stall(Duration)}: the request is held before it is forwarded, until
 *       {@link FaultyS3#releaseStalls()} or the duration elapses; then it is forwarded normally (if the client
 *       is still there).</li>
 * </ul>
 */
public final class Fault {
    /** What the proxy does. */
    public enum Kind { PASS, ERROR, RESET_ON_REQUEST, RESET_BEFORE_RESPONSE, RESET_MID_BODY, STALL }

    private static final Duration STALL_CAP = Duration.ofMinutes(5);

    private final Kind kind;
    private final int status;
    private final String code;
    private final String message;
    private final long bytes;
    private final Duration duration;

    private Fault(Kind kind, int status, String code, String message, long bytes, Duration duration) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.message = message;
        this.bytes = bytes;
        this.duration = duration;
    }

    /** No fault: the request is forwarded unchanged. */
    public static Fault none() {
        return new Fault(Kind.PASS, 0, null, null, 0, null);
    }

    /** 503 SlowDown, as S3 answers when throttling. SDKs retry it with backoff. */
    public static Fault slowDown() {
        return error(503, "SlowDown", "Please reduce your request rate.");
    }

    /** 500 InternalError. SDKs retry it. */
    public static Fault internalError() {
        return error(500, "InternalError", "We encountered an internal error. Please try again.");
    }

    /** 403 AccessDenied. Not retried by SDKs. */
    public static Fault accessDenied() {
        return error(403, "AccessDenied", "Access Denied");
    }

    /** Any status with an S3 XML error body carrying {@code code} and {@code message}. */
    public static Fault error(int status, String code, String message) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
        return new Fault(Kind.ERROR, status, Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(message, "message"), 0, null);
    }

    /** Resets the connection right after the request head arrived; the store never sees the request. */
    public static Fault resetOnRequest() {
        return new Fault(Kind.RESET_ON_REQUEST, 0, null, null, 0, null);
    }

    /** Forwards the request (the store applies it), then resets the client connection before answering. */
    public static Fault resetBeforeResponse() {
        return new Fault(Kind.RESET_BEFORE_RESPONSE, 0, null, null, 0, null);
    }

    /** Forwards the request, passes the response head and {@code bodyBytes} body bytes, then resets. */
    public static Fault resetMidBody(long bodyBytes) {
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("bodyBytes " + bodyBytes);
        }
        return new Fault(Kind.RESET_MID_BODY, 0, null, null, bodyBytes, null);
    }

    /** Holds the request until {@link FaultyS3#releaseStalls()} (or 5 minutes), then forwards it. */
    public static Fault stall() {
        return new Fault(Kind.STALL, 0, null, null, 0, STALL_CAP);
    }

    /** Holds the request for {@code duration} or until {@link FaultyS3#releaseStalls()}, then forwards it. */
    public static Fault stall(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration " + duration);
        }
        return new Fault(Kind.STALL, 0, null, null, 0, duration);
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status of an {@link Kind#ERROR} fault, else 0. */
    public int status() {
        return status;
    }

    /** S3 error code of an {@link Kind#ERROR} fault, else null. */
    public String code() {
        return code;
    }

    String message() {
        return message;
    }

    long bytes() {
        return bytes;
    }

    Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PASS -> "none";
            case ERROR -> status + " " + code;
            case RESET_ON_REQUEST -> "reset on request";
            case RESET_BEFORE_RESPONSE -> "reset before response";
            case RESET_MID_BODY -> "reset after " + bytes + " body bytes";
            case STALL -> "stall " + duration;
        };
    }
}
