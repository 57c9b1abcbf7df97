package io.logship.s3.input;

/**
 * im_s3's position in the bucket listing, as committed by the host after delivery.
 *
 * <p>Text form: {@code 2 <seq> <line> <piece> <done> <keyLength> <key> <cursorLength> <cursor> <location>},
 * where {@code cursor} is empty (length 0) when it equals the key and {@code location} is
 * {@code bucket/prefix} to the end of the text. Keys may hold any character; the length prefixes keep parsing
 * exact. Version 1, {@code 1 <seq> <line> <piece> <done> <keyLength> <key><cursor>}, is still read: it does
 * not say its location ({@link #location()} null), which is then taken to be the configured one.
 *
 * @param seq      how many objects were finished (read, skipped as empty, or failed) when this event was
 *                 posted, counting this event's object when {@code done}; it selects the window journal
 *                 entries that belong to this position
 * @param line     lines of {@code key} fully delivered (archive entries' lines counted together)
 * @param piece    pieces of the next line delivered (only when that line was longer than MaxLineLength)
 * @param done     true when {@code key} is finished (this was its last event)
 * @param key      the object this event came from
 * @param cursor   the greatest key read in listing order (equals key, or is greater for a late key)
 * @param location the bucket and prefix read, or null for a version 1 position
 */
record S3Position(long seq, long line, int piece, boolean done, String key, String cursor, S3Location location) {
    static final String VERSION = "2";
    private static final String VERSION_1 = "1";

    S3Position {
        if (key == null || cursor == null) {
            throw new IllegalArgumentException("key and cursor are required");
        }
    }

    /** @throws IllegalStateException for a version 1 position (it has no location to write) */
    String encode() {
        if (location == null) {
            throw new IllegalStateException("a position without location is not written");
        }
        return suffixPrefix(seq, line, piece, done) + keySuffix(location, key, cursor);
    }

    /** The per-object constant tail of the text form. */
    static String keySuffix(S3Location location, String key, String cursor) {
        String c = cursor.equals(key) ? "" : cursor;
        return " " + key.length() + " " + key + " " + c.length() + " " + c + " " + location.text();
    }

    /** The whole text form from its per-event parts and the per-object {@link #keySuffix}, in one concatenation. */
    static String value(long seq, long line, int piece, boolean done, String keySuffix) {
        return VERSION + " " + seq + " " + line + " " + piece + (done ? " 1" : " 0") + keySuffix;
    }

    /** The per-event head of the text form; append {@link #keySuffix} to complete it. */
    static String suffixPrefix(long seq, long line, int piece, boolean done) {
        return VERSION + " " + seq + " " + line + " " + piece + " " + (done ? "1" : "0");
    }

    /**
     * Parses the text form (version 2 or 1).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static S3Position decode(String text) {
        try {
            Reader r = new Reader(text);
            String version = r.field();
            boolean v1 = VERSION_1.equals(version);
            if (!v1 && !VERSION.equals(version)) {
                throw new IllegalArgumentException("unknown im_s3 position version '" + version + "'");
            }
            long seq = Long.parseLong(r.field());
            long line = Long.parseLong(r.field());
            int piece = Integer.parseInt(r.field());
            boolean done = switch (r.field()) {
                case "1" -> true;
                case "0" -> false;
                default -> throw new IllegalArgumentException("bad done flag");
            };
            if (seq < 0 || line < 0 || piece < 0) {
                throw new IllegalArgumentException("out of range");
            }
            String key = r.counted();
            if (v1) {
                String cursor = r.rest();
                return new S3Position(seq, line, piece, done, key, cursor.isEmpty() ? key : cursor, null);
            }
            r.space();
            String cursor = r.counted();
            r.space();
            S3Location location = S3Location.parse(r.rest());
            return new S3Position(seq, line, piece, done, key, cursor.isEmpty() ? key : cursor, location);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not an im_s3 position: '" + abbreviate(text) + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an im_s3 position (" + e.getMessage() + "): '"
                    + abbreviate(text) + "'");
        }
    }

    /** Reads the text form left to right. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        /** Up to the next space (consumed). */
        String field() {
            int sp = text.indexOf(' ', pos);
            if (sp < 0) {
                throw new IllegalArgumentException("missing field");
            }
            String f = text.substring(pos, sp);
            pos = sp + 1;
            return f;
        }

        /** {@code <length> <chars>}: the chars. */
        String counted() {
            int n = Integer.parseInt(field());
            if (n < 0 || pos + n > text.length()) {
                throw new IllegalArgumentException("length out of range");
            }
            String s = text.substring(pos, pos + n);
            pos += n;
            return s;
        }

        void space() {
            if (pos >= text.length() || text.charAt(pos) != ' ') {
                throw new IllegalArgumentException("missing field");
            }
            pos++;
        }

        String rest() {
            return text.substring(pos);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
