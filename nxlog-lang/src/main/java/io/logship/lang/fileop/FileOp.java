package io.logship.lang.fileop;

import static io.logship.lang.ExecFunction.function;
import static io.logship.lang.ExecFunction.procedure;

import io.logship.api.ExtensionModule;
import io.logship.api.ModuleContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * An xm_fileop instance: NXLog's file and directory functions and procedures, mostly called from a
 * {@code <Schedule>} ({@code file_cycle('/var/log/logship.log', 7)}). Each failure is an {@link ExecError} naming
 * the path. Stateless, so thread-safe.
 */
final class FileOp implements ExtensionModule, ExecLibrary {
    private static final String S = Types.STRING;
    private static final String I = Types.INTEGER;
    private volatile FileOps ops = new FileOps(LoggerFactory.getLogger(FileOp.class));

    @Override
    public void start(ModuleContext context) {
        ops = new FileOps(context.logger());
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(
                function("file_read", 1, 1, S, "The file's contents as a string.",
                        (c, a) -> ops.read(Args.string("file_read", "file", a, 0))).withArgTypes(S),
                function("file_exists", 1, 1, Types.BOOLEAN, "TRUE if the file exists and is a regular file.",
                        (c, a) -> Files.isRegularFile(Path.of(Args.string("file_exists", "file", a, 0))))
                        .withArgTypes(S),
                function("file_basename", 1, 1, S, "The path without its directory: 'app.log' of '/var/log/app.log'.",
                        (c, a) -> FileOps.basename(Args.string("file_basename", "file", a, 0))).withArgTypes(S),
                function("file_dirname", 1, 1, S, "The directory of the path ('' when it has none).",
                        (c, a) -> FileOps.dirname(Args.string("file_dirname", "file", a, 0))).withArgTypes(S),
                function("file_mtime", 1, 1, Types.DATETIME, "The file's last modification time.",
                        (c, a) -> ops.attrs("file_mtime", Args.string("file_mtime", "file", a, 0))
                                .lastModifiedTime().toInstant()).withArgTypes(S),
                function("file_ctime", 1, 1, Types.DATETIME, "The file's inode change (or creation) time.",
                        (c, a) -> ops.ctime("file_ctime", Args.string("file_ctime", "file", a, 0))).withArgTypes(S),
                function("file_type", 1, 1, S, "FILE, DIR, CHAR, BLOCK, PIPE, LINK, SOCKET or UNKNOWN.",
                        (c, a) -> ops.type(Args.string("file_type", "file", a, 0))).withArgTypes(S),
                function("file_size", 1, 1, I, "The file's size in bytes.",
                        (c, a) -> ops.attrs("file_size", Args.string("file_size", "file", a, 0)).size())
                        .withArgTypes(S),
                function("file_inode", 1, 1, I, "The file's inode number.",
                        (c, a) -> ops.inode(Args.string("file_inode", "file", a, 0))).withArgTypes(S),
                function("dir_temp_get", 0, 0, S, "A directory for temporary files.",
                        (c, a) -> System.getProperty("java.io.tmpdir")),
                function("dir_exists", 1, 1, Types.BOOLEAN, "TRUE if the path exists and is a directory.",
                        (c, a) -> Files.isDirectory(Path.of(Args.string("dir_exists", "path", a, 0))))
                        .withArgTypes(S),
                procedure("file_cycle", 1, 2, "Rotates file to file.1, file.1 to file.2, ...; with max, keeps at "
                        + "most max rotated files.", (c, a) -> {
                            long max = 0;
                            if (a.length > 1 && a[1] != null) {
                                max = Args.integer("file_cycle", "max", a, 1);
                                if (max <= 0) {
                                    throw new ExecError("file_cycle(): 'max' must be a positive integer, not " + max);
                                }
                            }
                            ops.cycle(Args.string("file_cycle", "file", a, 0), max);
                            return null;
                        }).withArgTypes(S, I),
                procedure("file_rename", 2, 2, "Renames old to new, replacing new.", (c, a) -> {
                    ops.rename(Args.string("file_rename", "old", a, 0), Args.string("file_rename", "new", a, 1));
                    return null;
                }).withArgTypes(S, S),
                procedure("file_copy", 2, 2, "Copies src to dst, replacing dst.", (c, a) -> {
                    ops.copy(Args.string("file_copy", "src", a, 0), Args.string("file_copy", "dst", a, 1));
                    return null;
                }).withArgTypes(S, S),
                procedure("file_remove", 1, 2, "Removes the file, or the files a wildcard in the name matches; with "
                        + "a datetime, only those changed before it.", (c, a) -> {
                            Instant older = a.length > 1 ? Args.datetime("file_remove", "older", a, 1) : null;
                            ops.remove(Args.string("file_remove", "file", a, 0), older);
                            return null;
                        }).withArgTypes(S, Types.DATETIME),
                procedure("file_link", 2, 2, "Creates a hard link dst to src.", (c, a) -> {
                    ops.link(Args.string("file_link", "src", a, 0), Args.string("file_link", "dst", a, 1));
                    return null;
                }).withArgTypes(S, S),
                procedure("file_append", 2, 2, "Appends the contents of src to dst (created if missing).",
                        (c, a) -> {
                            ops.append(Args.string("file_append", "src", a, 0),
                                    Args.string("file_append", "dst", a, 1));
                            return null;
                        }).withArgTypes(S, S),
                procedure("file_write", 2, 2, "Appends the value to the file (created if missing).", (c, a) -> {
                    ops.write(Args.string("file_write", "file", a, 0), Args.string("file_write", "value", a, 1));
                    return null;
                }).withArgTypes(S, S),
                procedure("file_truncate", 1, 2, "Truncates the file to 0 bytes, or to offset (created if missing).",
                        (c, a) -> {
                            long size = a.length > 1 ? Args.integer("file_truncate", "offset", a, 1) : 0;
                            ops.truncate(Args.string("file_truncate", "file", a, 0), size);
                            return null;
                        }).withArgTypes(S, I),
                procedure("file_touch", 1, 1, "Sets the file's modification time to now, creating it if missing.",
                        (c, a) -> {
                            ops.touch(Args.string("file_touch", "file", a, 0), c.env().clock().instant());
                            return null;
                        }).withArgTypes(S),
                procedure("file_chmod", 2, 2, "Sets the file's permission bits (e.g. 0640 written as 416).",
                        (c, a) -> {
                            ops.chmod(Args.string("file_chmod", "file", a, 0), Args.integer("file_chmod", "mode", a, 1));
                            return null;
                        }).withArgTypes(S, I),
                procedure("file_chown", 3, 3, "Sets the file's owner and group, as uid and gid or as names.",
                        (c, a) -> {
                            String file = Args.string("file_chown", "file", a, 0);
                            if (a[1] instanceof Long) {
                                Args.integer("file_chown", "gid", a, 2);
                            } else {
                                Args.string("file_chown", "user", a, 1);
                                Args.string("file_chown", "group", a, 2);
                            }
                            ops.chown(file, a[1], a[2]);
                            return null;
                        }),
                procedure("dir_make", 1, 1, "Creates the directory and its parents (as mkdir -p).", (c, a) -> {
                    ops.mkdirs(Args.string("dir_make", "path", a, 0));
                    return null;
                }).withArgTypes(S),
                procedure("dir_remove", 1, 1, "Removes the (empty) directory.", (c, a) -> {
                    ops.rmdir(Args.string("dir_remove", "path", a, 0));
                    return null;
                }).withArgTypes(S));
    }

    @Override
    public String toString() {
        return "xm_fileop";
    }
}
