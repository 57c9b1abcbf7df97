package io.logship.api;

import java.util.List;

/**
 * One or more configuration problems. Each problem is a full sentence that names where it is
 * (file:line, module instance, directive).
 */
public class ConfigException extends LogshipException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
