package io.logship.host.config;

import java.util.ArrayList;
import java.util.List;

/** The problems and warnings of one parse, each starting with "file:line: ". */
final class ParseReport {
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    void problem(String file, int line, String message) {
        problems.add(file + ":" + line + ": " + message);
    }
}
