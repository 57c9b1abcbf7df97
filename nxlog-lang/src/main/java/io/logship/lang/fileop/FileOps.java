package io.logship.lang.fileop;

import io.logship.lang.ExecError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * What xm_fileop's functions and procedures do to the file system, as NXLog's manual describes them; a failure is
 * an {@link ExecError} naming the operation and the path (the host logs it with the statement).
 */
final class FileOps {
    /** file_read() refuses files larger than this: a value lives in memory. */
    static final long MAX_READ = 64L << 20;

    private final Logger log;

    FileOps(Logger log) {
        this.log = log;
    }

    static ExecError failed(String what, String path, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file or directory" : e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage();
        return new ExecError(what + " '" + path + "' failed: " + why, e);
    }

    String read(String file) {
        try {
            long size = Files.size(Path.of(file));
            if (size > MAX_READ) {
                throw new ExecError("file_read('" + file + "'): the file has " + size + " bytes, more than the "
                        + MAX_READ + " a value may hold");
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failed("file_read", file, e);
        } catch (java.io.UncheckedIOException e) {
            throw failed("file_read", file, e.getCause());
        }
    }

    static String basename(String file) {
        int i = file.lastIndexOf('/');
        return i < 0 ? file : file.substring(i + 1);
    }

    static String dirname(String file) {
        int i = file.lastIndexOf('/');
        return i < 0 ? "" : i == 0 ? "/" : file.substring(0, i);
    }

    BasicFileAttributes attrs(String fn, String file) {
        try {
            return Files.readAttributes(Path.of(file), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw failed(fn, file, e);
        }
    }

    /** The inode change time where the platform has one (NXLog's ctime), else the creation time. */
    Instant ctime(String fn, String file) {
        try {
            return ((FileTime) Files.getAttribute(Path.of(file), "unix:ctime")).toInstant();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return attrs(fn, file).creationTime().toInstant();
        } catch (IOException e) {
            throw failed(fn, file, e);
        }
    }

    long inode(String file) {
        try {
            return ((Number) Files.getAttribute(Path.of(file), "unix:ino")).longValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new ExecError("file_inode('" + file + "'): this platform has no inode numbers");
        } catch (IOException e) {
            throw failed("file_inode", file, e);
        }
    }

    String type(String file) {
        BasicFileAttributes a = attrs("file_type", file);
        if (a.isSymbolicLink()) {
            return "LINK";
        } else if (a.isDirectory()) {
            return "DIR";
        } else if (a.isRegularFile()) {
            return "FILE";
        }
        try {
            int mode = (Integer) Files.getAttribute(Path.of(file), "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch (mode & 0170000) {
                case 0020000 -> "CHAR";
                case 0060000 -> "BLOCK";
                case 0010000 -> "PIPE";
                case 0140000 -> "SOCKET";
                default -> "UNKNOWN";
            };
        } catch (IOException | RuntimeException e) {
            return "UNKNOWN";
        }
    }

    /**
     * file_cycle: file.N to file.N+1 from the highest down, then file to file.1; with max, file.max and above are
     * removed first so at most max rotated files remain. A file that does not exist is left alone.
     */
    void cycle(String file, long max) {
        if (!Files.isRegularFile(Path.of(file))) {
            return;
        }
        int last = 0;
        for (int i = 1; i < Integer.MAX_VALUE; i++) {
            Path p = Path.of(file + "." + i);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            if (max > 0 && i >= max) {
                log.info("file_cycle: removing {}", p);
                remove1("file_cycle", p);
            } else {
                last = i;
            }
        }
        for (int i = last; i > 0; i--) {
            move("file_cycle", Path.of(file + "." + i), Path.of(file + "." + (i + 1)));
        }
        move("file_cycle", Path.of(file), Path.of(file + ".1"));
    }

    void rename(String from, String to) {
        move("file_rename", Path.of(from), Path.of(to));
    }

    private static void move(String fn, Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failed(fn + " to '" + to + "' of", from.toString(), e);
        }
    }

    void copy(String from, String to) {
        try {
            Files.copy(Path.of(from), Path.of(to), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failed("file_copy to '" + to + "' of", from, e);
        }
    }

    /** file_remove: the file, or the files a wildcard in the name matches (not in the directory part). */
    void remove(String file, Instant olderThan) {
        String name = basename(file);
        if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
            Path p = Path.of(file);
            if (olderThan == null || ctime("file_remove", file).isBefore(olderThan)) {
                remove1("file_remove", p);
            }
            return;
        }
        String dir = dirname(file);
        Path d = Path.of(dir.isEmpty() ? "." : dir);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name.replace("[", "\\[")
                .replace("{", "\\{"));
        List<Path> matched = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
            for (Path p : ds) {
                if (m.matches(p.getFileName()) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    matched.add(p);
                }
            }
        } catch (IOException e) {
            throw failed("file_remove: listing", d.toString(), e);
        }
        for (Path p : matched) {
            if (olderThan == null || ctime("file_remove", p.toString()).isBefore(olderThan)) {
                remove1("file_remove", p);
            }
        }
    }

    private static void remove1(String fn, Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw failed(fn, p.toString(), e);
        }
    }

    void link(String from, String to) {
        try {
            Files.createLink(Path.of(to), Path.of(from));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ExecError("file_link from '" + from + "' to '" + to + "' failed: " + e.getMessage(), e);
        }
    }

    void append(String from, String to) {
        try {
            Files.write(Path.of(to), Files.readAllBytes(Path.of(from)), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw failed("file_append to '" + to + "' of", from, e);
        }
    }

    /** file_write: appends the value (NXLog opens the file for appending), creating the file. */
    void write(String file, String value) {
        try {
            Files.writeString(Path.of(file), value, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw failed("file_write", file, e);
        }
    }

    void truncate(String file, long size) {
        if (size < 0) {
            throw new ExecError("file_truncate('" + file + "'): 'offset' must not be negative");
        }
        try (var ch = java.nio.channels.FileChannel.open(Path.of(file), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            if (ch.size() > size) {
                ch.truncate(size);
            } else if (ch.size() < size) {
                ch.write(java.nio.ByteBuffer.allocate(1), size - 1); // extends as ftruncate() does
            }
        } catch (IOException e) {
            throw failed("file_truncate", file, e);
        }
    }

    void touch(String file, Instant now) {
        Path p = Path.of(file);
        try {
            if (!Files.exists(p)) {
                Files.createFile(p);
            }
            Files.setLastModifiedTime(p, FileTime.from(now));
        } catch (IOException e) {
            throw failed("file_touch", file, e);
        }
    }

    void chmod(String file, long mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1L << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(Path.of(file), perms);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ExecError("file_chmod '" + file + "' failed: " + e.getMessage(), e);
        }
    }

    void chown(String file, Object user, Object group) {
        Path p = Path.of(file);
        try {
            if (user instanceof Long uid) {
                Files.setAttribute(p, "unix:uid", uid.intValue());
                Files.setAttribute(p, "unix:gid", ((Long) group).intValue());
            } else {
                UserPrincipalLookupService names = p.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(p, names.lookupPrincipalByName((String) user));
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class)
                        .setGroup(names.lookupPrincipalByGroupName((String) group));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new ExecError("file_chown '" + file + "' failed: " + e.getMessage(), e);
        }
    }

    void mkdirs(String path) {
        try {
            Files.createDirectories(Path.of(path));
        } catch (IOException e) {
            throw failed("dir_make", path, e);
        }
    }

    void rmdir(String path) {
        Path p = Path.of(path);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new ExecError("dir_remove '" + path + "' failed: not a directory");
        }
        remove1("dir_remove", p);
    }
}
