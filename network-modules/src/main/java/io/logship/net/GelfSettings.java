package io.logship.net;

/**
 * The directives of one xm_gelf instance.
 *
 * @param shortMessageLength how many characters of $Message (or $raw_event) go into {@code short_message}
 * @param includeHiddenFields write fields whose names start with a dot or an underscore ({@code _x} as
 *                            {@code __x})
 * @param useNullDelimiter    GELF_TCP records end with a NUL byte (TRUE) or a line feed (FALSE)
 */
record GelfSettings(int shortMessageLength, boolean includeHiddenFields, boolean useNullDelimiter) {
    /** NXLog's defaults: 64, TRUE, TRUE. */
    static final GelfSettings DEFAULTS = new GelfSettings(64, true, true);

    GelfSettings {
        if (shortMessageLength < 1) {
            throw new IllegalArgumentException("ShortMessageLength must be at least 1");
        }
    }

    /** The byte that ends a GELF_TCP record. */
    byte delimiter() {
        return useNullDelimiter ? (byte) 0 : (byte) '\n';
    }
}
