package io.logship.host.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reading config files: the main file and each {@code include path-or-glob} (relative to the including
 * file's directory, globs in the file name only, matches sorted by name, none matching is no error), with
 * include cycles, directories, missing files and invalid UTF-8 reported at the include line.
 */
final class Includes {
    /** Parses the lines of one file. */
    interface FileBody {
        /**
         * @param shown   how the file is named in messages
         * @param dir     the file's directory (relative paths in it resolve there)
         * @param fileKey the file's real path, telling files apart
         */
        void parse(List<String> lines, String shown, Path dir, String fileKey);
    }

    private final ParseReport report;
    private final FileBody body;
    private final Deque<Path> stack = new ArrayDeque<>();

    Includes(ParseReport report, FileBody body) {
        this.report = report;
        this.body = body;
    }

    /**
     * Reads one file and hands its lines to the body (which may include further files).
     *
     * @param shown      how the file is named in messages
     * @param includedAt "file:line" of the include, or null for the main file
     * @return the number of lines read
     */
    int read(Path file, String shown, String includedAt) {
        Path abs = file.toAbsolutePath().normalize();
        Path real;
        List<String> lines;
        try {
            real = abs.toRealPath();
            if (Files.isDirectory(real)) {
                report.problems.add((includedAt == null ? shown + ":0" : includedAt) + ": " + shown
                        + " is a directory, not a config file");
                return 0;
            }
            lines = ConfigLexer.readLines(real);
        } catch (NoSuchFileException e) {
            report.problems.add(includedAt == null ? shown + ":0: cannot read config file: no such file"
                    : includedAt + ": included file " + shown + " does not exist");
            return 0;
        } catch (CharacterCodingException e) {
            report.problems.add((includedAt == null ? "" : includedAt + ": ") + shown
                    + ":0: cannot read config file: not valid UTF-8");
            return 0;
        } catch (IOException e) {
            report.problems.add((includedAt == null ? shown + ":0" : includedAt) + ": cannot read config file "
                    + shown + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 0;
        }
        if (stack.contains(real)) {
            StringBuilder chain = new StringBuilder();
            boolean on = false;
            for (Path p : (Iterable<Path>) stack::descendingIterator) {
                on |= p.equals(real);
                if (on) {
                    chain.append(p).append(" -> ");
                }
            }
            report.problems.add(includedAt + ": include cycle: " + chain + real);
            return 0;
        }
        stack.push(real);
        try {
            body.parse(lines, shown, abs.getParent(), real.toString());
        } finally {
            stack.pop();
        }
        return Math.max(1, lines.size());
    }

    /** An {@code include} line: reads the file, or every file the glob matches, in name order. */
    void include(String spec, String file, int line, Path dir) {
        String at = file + ":" + line;
        if (spec.isEmpty()) {
            report.problem(file, line, "include needs a file name or a glob");
            return;
        }
        Path target;
        try {
            target = Path.of(spec);
        } catch (RuntimeException e) {
            report.problem(file, line, "invalid include path '" + spec + "': " + e.getMessage());
            return;
        }
        if (!target.isAbsolute()) {
            target = dir.resolve(target);
        }
        Path nameDir = target.getParent();
        String leaf = target.getFileName() == null ? "" : target.getFileName().toString();
        boolean glob = hasGlob(leaf);
        if (nameDir != null && hasGlob(nameDir.toString())) {
            report.problem(file, line, "include " + spec + ": wildcards are supported in the file name only");
            return;
        }
        if (!glob) {
            read(target.normalize(), target.normalize().toString(), at);
            return;
        }
        List<Path> matches = new ArrayList<>();
        if (nameDir != null && Files.isDirectory(nameDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(nameDir, leaf)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p)) {
                        matches.add(p);
                    }
                }
            } catch (IOException | RuntimeException e) {
                report.problem(file, line, "include " + spec + ": cannot list " + nameDir + ": " + e.getMessage());
                return;
            }
        }
        // NXLog: a glob that matches nothing is not an error
        matches.sort(null);
        for (Path p : matches) {
            read(p.normalize(), p.normalize().toString(), at);
        }
    }

    private static boolean hasGlob(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }
}
