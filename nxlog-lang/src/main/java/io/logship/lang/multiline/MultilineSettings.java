package io.logship.lang.multiline;

/**
 * An xm_multiline instance's configuration.
 *
 * @param instance       the instance name
 * @param header         HeaderLine, or null
 * @param end            EndLine, or null
 * @param fixedLineCount FixedLineCount, or 0
 * @param autoFlush      AutoFlush: emit a held record when its source is idle
 * @param maxRecord      the most characters a record holds before it is emitted as it is
 */
record MultilineSettings(String instance, LineMatcher header, LineMatcher end, int fixedLineCount,
                         boolean autoFlush, int maxRecord) {
}
