package io.logship.s3.input;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.api.Metrics;
import io.logship.api.Position;
import io.logship.s3.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Turns one object's bytes into events: decompression, archive entries, line splitting, UTF-8, JSON, the
 * event fields and the position. It runs on a download worker for objects read ahead, or on the input thread
 * for an object resumed after a restart; either way the events reach the {@link Sink} in line order.
 *
 * <p>Every event but the object's last carries its position when it reaches the sink. The last one is held
 * back in the {@link Outcome}: its position says "done" and names the journal sequence that the input thread
 * assigns when it records the object as finished, which must happen before that event is posted.
 *
 * <p>An object whose name or Content-Encoding says compressed but whose bytes are not is decided on before
 * its first event ({@link ObjectContent#open}): not text, it ends CORRUPT with no event; text, it is read as
 * text. When such an object is streamed, only its first 64 KiB were checked: a line further on that is not
 * UTF-8 ends it CORRUPT there. The lines before stay delivered (they were text, and their positions may be
 * committed already); that line and the rest are not read, and the object goes to the failed-objects list.
 */
final class ObjectDecoder {
    /** Re-read the clock for EventReceivedTime after this many events (one Instant serves a run of lines). */
    static final int CLOCK_EVERY = 256;

    /** Where the decoded events go. */
    interface Sink {
        /** Takes one event (its position set). False when reading stops (stop, cancel): decoding ends. */
        boolean accept(Event e, int textLength) throws InterruptedException;
    }

    /** How decoding ended. */
    enum End {
        /** The content was read to its end (problems such as invalid UTF-8 are in the stats). */
        DONE,
        /** The content is damaged (corrupt compression, truncated archive): lines before it were delivered. */
        CORRUPT,
        /** The connection was lost for good ({@link ResumingObjectStream.TransientReadException}). */
        TRANSIENT,
        /** The sink refused an event or the reader was cancelled. */
        STOPPED,
        /** The object could not be fetched at all (set by the caller, with {@link Outcome#fetchError}). */
        NOT_FETCHED
    }

    /** What one object produced besides the events handed to the sink. */
    static final class Outcome {
        End end = End.DONE;
        /** The object's last event, without position (null when it had none). */
        Event last;
        /** Lines and pieces complete after {@link #last} (for its position). */
        long lastLines;
        int lastPieces;
        /** Lines complete in all (archive entries together). */
        long lines;
        /** CORRUPT: what went wrong, for the log and the failed-objects list. */
        String problem;
        /** TRANSIENT: the read failure. */
        IOException transientCause;
        /** NOT_FETCHED: why. */
        Throwable fetchError;
        final List<String> notes = new ArrayList<>();
        /** Worth a warning (read as text although named compressed). */
        final List<String> warnings = new ArrayList<>();
        final ObjectStats stats = new ObjectStats();
    }

    /** What is the same for every object of one input. */
    record Settings(S3Location location, String instance, String moduleName, boolean json, int maxLineLength,
                    Clock clock) {
    }

    private final Settings settings;
    private final Utf8 utf8 = new Utf8();

    ObjectDecoder(Settings settings) {
        this.settings = settings;
    }

    /**
     * Decodes {@code body} (closed at the end) from (skipLines, skipPieces) on.
     *
     * @param seq         the journal sequence the object's events carry until it is finished
     * @param cursorAfter the listing cursor once this object is read (its key, or a greater one for a late key)
     * @param size        the object's size, or -1 (keeps buffers small for small objects)
     * @param contentEncoding the object's Content-Encoding, or null (see {@link ObjectContent#open})
     * @param cancelled   true when reading should stop (checked where a failure might be a consequence)
     */
    Outcome decode(InputStream body, String key, Instant lastModified, long size, String contentEncoding, long seq,
                   String cursorAfter, long skipLines, int skipPieces, Sink sink, BooleanSupplier cancelled)
            throws InterruptedException {
        Settings s = settings;
        Outcome out = new Outcome();
        ObjectStats stats = out.stats;
        Positions positions = new Positions(s.location(), seq, key, cursorAfter);
        Clock clock = s.clock();
        Instant now = null;
        int sinceClock = CLOCK_EVERY;
        Event pending = null;
        int pendingLength = 0;
        long pendingLines = 0;
        int pendingPieces = 0;
        long lines = 0;          // lines complete so far (all entries)
        int pieces = 0;          // pieces of the current line so far
        long entryLine = 0;      // 1-based line number within the current entry
        String entryName;
        ObjectContent opened = null;
        try (ObjectContent content = ObjectContent.open(body, key, size, contentEncoding)) {
            opened = content;
            entries:
            while (content.nextEntry()) {
                entryName = content.entryName();
                entryLine = 0;
                LineReader reader = new LineReader(content.entryStream(), s.maxLineLength(),
                        content.compression() == Compression.NONE && !content.isArchive() && size >= 0
                                ? (int) Math.min(size + 1, 1 << 16) : 1 << 16);
                while (reader.next()) {
                    int piece = reader.piece();
                    boolean endsLine = reader.endsLine();
                    if (piece == 0) {
                        entryLine++;
                    }
                    boolean skip = lines < skipLines || (lines == skipLines && pieces < skipPieces);
                    if (endsLine) {
                        lines++;
                        pieces = 0;
                    } else {
                        pieces++;
                    }
                    if (skip) {
                        continue;
                    }
                    int len = reader.length();
                    if (len == 0) {
                        continue;
                    }
                    String text = utf8.decode(reader.buffer(), reader.offset(), len);
                    if (utf8.lastWasInvalid() && content.isTextFallback()) {
                        // named compressed, taken for text from its first bytes: it is not text after all
                        out.end = End.CORRUPT;
                        out.problem = content.textFallbackReason() + "; read as text, but line " + entryLine
                                + " is not UTF-8: the rest is not read";
                        lines -= endsLine ? 1 : 0; // that line is not delivered
                        break entries;
                    }
                    if (utf8.lastWasInvalid()) {
                        stats.invalidUtf8++;
                        if (stats.firstInvalidLine == 0) {
                            stats.firstInvalidLine = entryLine;
                        }
                    }
                    boolean split = piece > 0 || !endsLine;
                    if (split && piece == 0) {
                        stats.splitLines++;
                        if (stats.firstSplitLine == 0) {
                            stats.firstSplitLine = entryLine;
                        }
                    }
                    if (++sinceClock > CLOCK_EVERY) {
                        now = clock.instant();
                        sinceClock = 1;
                    }
                    Event e = null;
                    if (s.json() && !split) {
                        try {
                            e = EventJson.decode(text);
                        } catch (IllegalArgumentException ex) {
                            stats.jsonErrors++;
                            if (stats.firstJsonError == null) {
                                stats.firstJsonError = "line " + entryLine + ": " + ex.getMessage();
                            }
                        }
                    }
                    if (e == null) {
                        e = new Event().set(Fields.RAW_EVENT, text)
                                .set(Fields.EVENT_RECEIVED_TIME, now)
                                .set(Fields.SOURCE_MODULE_NAME, s.instance())
                                .set(Fields.SOURCE_MODULE_TYPE, s.moduleName());
                    } else {
                        e.setIfAbsent(Fields.EVENT_RECEIVED_TIME, now);
                        e.setIfAbsent(Fields.SOURCE_MODULE_NAME, s.instance());
                        e.setIfAbsent(Fields.SOURCE_MODULE_TYPE, s.moduleName());
                    }
                    e.set(S3Input.F_BUCKET, s.location().bucket());
                    e.set(S3Input.F_KEY, key);
                    if (lastModified != null) {
                        e.set(S3Input.F_LAST_MODIFIED, lastModified);
                    }
                    e.set(S3Input.F_LINE, entryLine);
                    if (entryName != null) {
                        e.set(S3Input.F_ENTRY, entryName);
                    }
                    if (pending != null) {
                        pending.position(positions.of(pendingLines, pendingPieces));
                        if (!sink.accept(pending, pendingLength)) {
                            out.end = End.STOPPED;
                            return out;
                        }
                    }
                    pending = e;
                    pendingLength = len;
                    pendingLines = lines;
                    pendingPieces = pieces;
                }
            }
        } catch (ResumingObjectStream.TransientReadException ex) {
            out.end = cancelled.getAsBoolean() ? End.STOPPED : End.TRANSIENT;
            out.transientCause = ex;
        } catch (ObjectContent.NotAsNamedException ex) {
            out.end = End.CORRUPT;
            out.problem = ex.getMessage();
        } catch (IOException | RuntimeException ex) {
            if (cancelled.getAsBoolean()) {
                out.end = End.STOPPED;
            } else {
                out.end = End.CORRUPT;
                out.problem = "cannot decompress/read: " + ex + " (" + lines + " lines delivered before)";
                stats.decompressionError = true;
            }
        }
        if (opened != null) {
            out.notes.addAll(opened.notes()); // extension mismatch, archive entries skipped
            out.warnings.addAll(opened.warnings());
        }
        if (body instanceof ResumingObjectStream rs) {
            stats.bytes += rs.offset();
        }
        out.last = pending;
        out.lastLines = pendingLines;
        out.lastPieces = pendingPieces;
        out.lines = lines;
        return out;
    }

    /**
     * The positions of one object's events: {@link S3Position#value} with the parts that do not change
     * within the object concatenated once. (Counting the line number's digits up in place in a Latin-1
     * template measured no faster than this one concatenation per event.)
     */
    static final class Positions {
        private final String head;
        private final String keySuffix;
        private final String tailWhole;

        Positions(S3Location location, long seq, String key, String cursorAfter) {
            this.head = S3Position.VERSION + " " + seq + " ";
            this.keySuffix = S3Position.keySuffix(location, key, cursorAfter);
            this.tailWhole = " 0 0" + keySuffix;
        }

        /** The position after {@code lines} lines and {@code pieces} pieces, object not done. */
        Position of(long lines, int pieces) {
            return new Position("", pieces == 0 ? head + lines + tailWhole
                    : head + lines + " " + pieces + " 0" + keySuffix);
        }
    }

    /** Per-object counts, added to the metrics by the input thread. */
    static final class ObjectStats {
        long events;
        long bytes;
        long invalidUtf8;
        long firstInvalidLine;
        long splitLines;
        long firstSplitLine;
        long jsonErrors;
        String firstJsonError;
        boolean decompressionError;

        void flushEvents(Metrics m) {
            if (events > 0) {
                m.counter("events").add(events);
                events = 0;
            }
        }

        void flush(Metrics m) {
            flushEvents(m);
            if (bytes > 0) {
                m.counter("bytes_downloaded").add(bytes);
                bytes = 0;
            }
            if (invalidUtf8 > 0) {
                m.counter("lines_invalid_utf8").add(invalidUtf8);
                invalidUtf8 = 0;
            }
            if (splitLines > 0) {
                m.counter("lines_split").add(splitLines);
                splitLines = 0;
            }
            if (jsonErrors > 0) {
                m.counter("json_errors").add(jsonErrors);
                jsonErrors = 0;
            }
            if (decompressionError) {
                m.counter("decompression_errors").increment();
                decompressionError = false;
            }
        }

        String code() {
            if (invalidUtf8 > 0) {
                return "invalid-utf8";
            }
            if (splitLines > 0) {
                return "long-line";
            }
            return "decode";
        }

        /** One sentence for the log and the failed-objects list, or null when nothing went wrong. */
        String summary(String problem) {
            List<String> parts = new ArrayList<>();
            if (problem != null) {
                parts.add(problem);
            }
            if (invalidUtf8 > 0) {
                parts.add(invalidUtf8 + " line(s) with invalid UTF-8 (first at line " + firstInvalidLine
                        + "), replaced with U+FFFD");
            }
            if (splitLines > 0) {
                parts.add(splitLines + " line(s) longer than MaxLineLength (first at line " + firstSplitLine
                        + "), split into pieces");
            }
            if (jsonErrors > 0) {
                parts.add(jsonErrors + " line(s) not JSON (" + firstJsonError + "), kept as raw_event");
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
    }
}
