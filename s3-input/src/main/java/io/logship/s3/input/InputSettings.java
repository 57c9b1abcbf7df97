package io.logship.s3.input;

import io.logship.s3.S3Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** im_s3's validated configuration. {@link S3Settings#toString()} hides secrets. */
record InputSettings(String instance, S3Settings s3, String prefix, Duration pollInterval, int maxKeys,
                     int workers, String startAfter, Instant modifiedAfter, boolean readFromLast,
                     KeyPatterns patterns, boolean json, int maxLineLength, String afterRead, String moveTo,
                     Duration lateArrivalWindow, int lateArrivalMaxKeys, Path cacheDir) {
}
