package io.logship.s3.input;

/**
 * What one im_s3 instance reads: a bucket and a key prefix. Saved positions and the window journal record it,
 * so that a config naming another location starts that one afresh instead of applying another's cursor.
 *
 * <p>Text form {@code bucket/prefix}: bucket names hold no '/', so the first one ends the bucket.
 */
record S3Location(String bucket, String prefix) {
    S3Location {
        if (bucket == null || bucket.isEmpty() || bucket.indexOf('/') >= 0 || prefix == null) {
            throw new IllegalArgumentException("not a bucket and prefix: '" + bucket + "', '" + prefix + "'");
        }
    }

    static S3Location of(InputSettings settings) {
        return new S3Location(settings.s3().bucket(), settings.prefix());
    }

    String text() {
        return bucket + "/" + prefix;
    }

    /** Parses {@link #text()}. @throws IllegalArgumentException when there is no bucket */
    static S3Location parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not bucket/prefix: '" + text + "'");
        }
        return new S3Location(text.substring(0, slash), text.substring(slash + 1));
    }

    /** s3://bucket/prefix */
    @Override
    public String toString() {
        return "s3://" + text();
    }
}
