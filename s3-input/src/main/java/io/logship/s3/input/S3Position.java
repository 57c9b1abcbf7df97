package io.logship.s3.input;

/**
 * im_s3's position in the bucket listing, as committed by the host after delivery.
 *
 * <p>Text form: {@code 1 <seq> <line> <piece> <done> <keyLength> <key><cursor>}, where {@code cursor} is
 * empty when it equals the key. Keys may hold any character; the length prefix keeps parsing exact.
 *
 * @param seq    how many objects were finished (read, skipped as empty, or failed) when this event was
 *               posted, counting this event's object when {@code done}; it selects the window journal
 *               entries that belong to this position
 * @param line   lines of {@code key} fully delivered (archive entries' lines counted together)
 * @param piece  pieces of the next line delivered (only when that line was longer than MaxLineLength)
 * @param done   true when {@code key} is finished (this was its last event)
 * @param key    the object this event came from
 * @param cursor the greatest key read in listing order (equals key, or is greater for a late key)
 */
record S3Position(long seq, long line, int piece, boolean done, String key, String cursor) {
    static final String VERSION = "1";

    S3Position {
        if (key == null || cursor == null) {
            throw new IllegalArgumentException("key and cursor are required");
        }
    }

    String encode() {
        return suffixPrefix(seq, line, piece, done) + keySuffix(key, cursor);
    }

    /** The per-object constant tail of the text form. */
    static String keySuffix(String key, String cursor) {
        return " " + key.length() + " " + key + (cursor.equals(key) ? "" : cursor);
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
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static S3Position decode(String text) {
        String[] head = new String[6];
        int pos = 0;
        for (int i = 0; i < 6; i++) {
            int sp = text.indexOf(' ', pos);
            if (sp < 0) {
                throw new IllegalArgumentException("not an im_s3 position: '" + abbreviate(text) + "'");
            }
            head[i] = text.substring(pos, sp);
            pos = sp + 1;
        }
        if (!VERSION.equals(head[0])) {
            throw new IllegalArgumentException("unknown im_s3 position version '" + head[0] + "'");
        }
        try {
            long seq = Long.parseLong(head[1]);
            long line = Long.parseLong(head[2]);
            int piece = Integer.parseInt(head[3]);
            boolean done = switch (head[4]) {
                case "1" -> true;
                case "0" -> false;
                default -> throw new IllegalArgumentException("bad done flag");
            };
            int klen = Integer.parseInt(head[5]);
            if (seq < 0 || line < 0 || piece < 0 || klen < 0 || pos + klen > text.length()) {
                throw new IllegalArgumentException("out of range");
            }
            String key = text.substring(pos, pos + klen);
            String cursor = pos + klen == text.length() ? key : text.substring(pos + klen);
            return new S3Position(seq, line, piece, done, key, cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an im_s3 position: '" + abbreviate(text) + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an im_s3 position (" + e.getMessage() + "): '"
                    + abbreviate(text) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
