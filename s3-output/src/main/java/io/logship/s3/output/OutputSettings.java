package io.logship.s3.output;

import io.logship.s3.S3Settings;
import java.nio.file.Path;
import java.time.Duration;

/** Everything an om_s3 instance was configured with (validated). toString shows no secret. */
record OutputSettings(String instance, S3Settings s3, String server, String keyFormat, Codec codec,
                      long maxEventsPerObject, long maxObjectSize, Duration flushInterval, long partSize,
                      int uploadConcurrency, String serverSideEncryption, String kmsKeyId, String storageClass,
                      Path spoolDir, long spoolMaxSize, Duration retryInterval, Duration maxRetryInterval,
                      Duration stopTimeout) {
}
