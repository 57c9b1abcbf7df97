package io.logship.api;

import java.util.Objects;

/**
 * Where an input was when it produced an event. An input may track several independent streams
 * (im_file: one per file; im_s3: one for the bucket listing); each stream has its own opaque value,
 * which the input alone interprets. The host commits, per stream, the value of the newest event that
 * every output on the input's routes has flushed.
 *
 * @param stream the stream's stable name ("" for an input with one stream)
 * @param value  the input's encoding of its position in that stream; never null
 */
public record Position(String stream, String value) {
    public Position {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(value, "value");
    }

    public static Position of(String value) {
        return new Position("", value);
    }
}
