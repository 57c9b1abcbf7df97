package io.logship.system;

import java.time.Instant;

/**
 * One of the agent's log records as im_internal keeps it until it is posted.
 *
 * @param time    when it was logged
 * @param level   NXLog's severity word: INFO, WARNING, ERROR (logback's TRACE/DEBUG never get here)
 * @param logger  the logger's name ({@code logship.<instance>} for a module instance's logger)
 * @param message the formatted message, with the exception's class and message appended when there is one
 */
record InternalRecord(Instant time, String level, String logger, String message) {
    /** NXLog's $SeverityValue of a severity word: 1 DEBUG, 2 INFO, 3 WARNING, 4 ERROR, 5 CRITICAL. */
    static long severityValue(String level) {
        return switch (level) {
            case "DEBUG" -> 1;
            case "INFO" -> 2;
            case "WARNING" -> 3;
            case "ERROR" -> 4;
            default -> 5;
        };
    }

    /**
     * The instance a module logger ({@code logship.<instance>}) belongs to, or null for the host's own (its logger
     * {@code logship.agent}, and every logger outside {@code logship.}).
     */
    String moduleName() {
        return logger.startsWith("logship.") && logger.length() > 8 && !logger.equals("logship.agent")
                ? logger.substring(8) : null;
    }
}
