package io.logship.s3.output;

import io.logship.s3.S3Operation;

/** A failed S3 call with what it was doing and on which key, for the error advice. */
final class UploadFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient S3Operation op;
    final String key;

    UploadFailure(S3Operation op, String key, Throwable cause) {
        super(cause);
        this.op = op;
        this.key = key;
    }
}
