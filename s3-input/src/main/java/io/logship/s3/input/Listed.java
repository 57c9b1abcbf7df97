package io.logship.s3.input;

import java.time.Instant;

/**
 * An object a listing page found to read.
 *
 * @param size  bytes as listed, or -1 when the listing did not say
 * @param late  its key sorts before the cursor (it appeared after keys that sort after it were read)
 * @param floor the key listed just before it (see {@link LateWindow.Entry})
 */
record Listed(String key, long size, Instant lastModified, String etag, boolean late, String floor) {
}
