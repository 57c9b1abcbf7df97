package io.logship.net;

/**
 * The memory one stream input may spend on records still being assembled (the carries of all its connections),
 * so many peers each sending a long unterminated record cannot grow the heap to MaxConnections x BufferSize. A
 * connection that cannot get more cuts its record where it is (the pieces are posted, counted and warned about)
 * instead of holding more. Selector thread only.
 */
final class FramingBudget {
    static final long DEFAULT_BYTES = 64L << 20;

    private final long limit;
    private long used;

    FramingBudget(long limit) {
        this.limit = limit;
    }

    /** The budget for an input whose records are at most {@code maxRecord} bytes. */
    static FramingBudget forRecords(int maxRecord) {
        return new FramingBudget(Math.max(DEFAULT_BYTES, 4L * maxRecord));
    }

    static FramingBudget unlimited() {
        return new FramingBudget(Long.MAX_VALUE);
    }

    boolean reserve(long n) {
        if (used + n > limit) {
            return false;
        }
        used += n;
        return true;
    }

    void release(long n) {
        used -= n;
    }

    long used() {
        return used;
    }

    long limit() {
        return limit;
    }
}
