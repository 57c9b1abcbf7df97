package io.logship.api;

/** Root of every exception a module raises to the host. */
public class LogshipException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogshipException(String message) {
        super(message);
    }

    public LogshipException(String message, Throwable cause) {
        super(message, cause);
    }
}
