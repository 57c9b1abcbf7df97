package io.logship.host.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** One {@code File} value: a directory (no wildcards) and a file name pattern with {@code *} and {@code ?}. */
record FilePattern(Path dir, String namePattern, Pattern regex, boolean recursive) {

    static FilePattern of(Path file, boolean recursive) {
        Path abs = file.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        Path dir = abs.getParent();
        if (name == null || dir == null) {
            throw new IllegalArgumentException("names a directory, not a file (or file pattern)");
        }
        if (hasWildcard(dir.toString())) {
            throw new IllegalArgumentException("wildcards are only allowed in the file name, not in the directory "
                    + "part (use Recursive TRUE to search subdirectories)");
        }
        return new FilePattern(dir, name.toString(), toRegex(name.toString()), recursive);
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    private static Pattern toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    sb.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                sb.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            sb.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }

    boolean matches(Path p) {
        Path parent = p.getParent();
        Path name = p.getFileName();
        if (parent == null || name == null) {
            return false;
        }
        boolean inDir = recursive ? parent.startsWith(dir) : parent.equals(dir);
        return inDir && regex.matcher(name.toString()).matches();
    }

    /** Calls the sink with every regular file (links followed) that matches now. */
    void list(Consumer<Path> sink) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (!recursive) {
            if (!hasWildcard(namePattern)) {
                Path p = dir.resolve(namePattern);
                if (Files.isRegularFile(p)) {
                    sink.accept(p);
                }
                return;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (regex.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                        sink.accept(p);
                    }
                }
            }
            return;
        }
        Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (regex.matcher(file.getFileName().toString()).matches()
                                && (attrs.isRegularFile() || Files.isRegularFile(file))) {
                            sink.accept(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /** True when a pattern reads files in this directory (rotated names need not match the pattern). */
    static boolean anyCovers(List<FilePattern> patterns, Path directory) {
        for (FilePattern fp : patterns) {
            if (fp.recursive ? directory.startsWith(fp.dir) : directory.equals(fp.dir)) {
                return true;
            }
        }
        return false;
    }

    static boolean anyMatches(List<FilePattern> patterns, Path p) {
        for (FilePattern fp : patterns) {
            if (fp.matches(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return dir.resolve(namePattern) + (recursive ? " (recursive)" : "");
    }
}
