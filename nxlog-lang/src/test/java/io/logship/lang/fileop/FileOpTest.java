package io.logship.lang.fileop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FileOpTest {
    @TempDir
    Path dir;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final FileOp fileop = new FileOp();
    private ExecContext ctx;

    @BeforeEach
    void setUp() {
        fileop.start(new TestModuleContext("xm_fileop", "fileop", dir));
        ctx = new ExecContext(new ExecEnvironment("sched", "xm_fileop", LoggerFactory.getLogger(FileOpTest.class),
                clock, ZoneOffset.UTC, "h", null, (w, e) -> { })).reset(null);
    }

    /** Calls a function or procedure as a {@code <Schedule>} Exec would (no event). */
    private Object call(String name, boolean procedure, Object... args) {
        ExecFunction f = fileop.execFunctions().stream()
                .filter(x -> x.name().equals(name) && x.procedure() == procedure).findFirst().orElseThrow();
        assertThat(f.acceptsArgCount(args.length)).as(f.signature()).isTrue();
        return f.impl().call(ctx, args);
    }

    private Object fn(String name, Object... args) {
        return call(name, false, args);
    }

    private void proc(String name, Object... args) {
        call(name, true, args);
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private String[] files() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void fileCycle_withMax_keepsAtMostMaxRotatedFiles() throws Exception {
        String log = p("logship.log");
        for (int gen = 1; gen <= 4; gen++) {
            Files.writeString(Path.of(log), "gen" + gen);
            proc("file_cycle", log, 2L);
        }
        assertThat(files()).containsExactly("logship.log.1", "logship.log.2");
        assertThat(Files.readString(Path.of(log + ".1"))).isEqualTo("gen4");
        assertThat(Files.readString(Path.of(log + ".2"))).isEqualTo("gen3");
    }

    @Test
    void fileCycle_withoutMax_shiftsEveryRotatedFile_andAMissingFileIsLeftAlone() throws Exception {
        String log = p("a.log");
        proc("file_cycle", log); // nothing there: nothing to do, no error
        for (int gen = 1; gen <= 3; gen++) {
            Files.writeString(Path.of(log), "gen" + gen);
            proc("file_cycle", log);
        }
        assertThat(files()).containsExactly("a.log.1", "a.log.2", "a.log.3");
        assertThat(Files.readString(Path.of(log + ".3"))).isEqualTo("gen1");
        assertThatThrownBy(() -> proc("file_cycle", log, 0L)).isInstanceOf(ExecError.class)
                .hasMessage("file_cycle(): 'max' must be a positive integer, not 0");
    }

    @Test
    void basenameAndDirname_asTheManualSays() {
        assertThat(fn("file_basename", "/var/log/app.log")).isEqualTo("app.log");
        assertThat(fn("file_dirname", "/var/log/app.log")).isEqualTo("/var/log");
        assertThat(fn("file_dirname", "app.log")).isEqualTo("");
    }

    @Test
    void sizeMtimeTypeExists_andErrorsNameThePath() throws Exception {
        Path f = dir.resolve("x.log");
        Files.writeString(f, "12345");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2025-05-05T05:05:05Z")));
        assertThat(fn("file_size", f.toString())).isEqualTo(5L);
        assertThat(fn("file_mtime", f.toString())).isEqualTo(Instant.parse("2025-05-05T05:05:05Z"));
        assertThat(fn("file_type", f.toString())).isEqualTo("FILE");
        assertThat(fn("file_type", dir.toString())).isEqualTo("DIR");
        assertThat(fn("file_exists", f.toString())).isEqualTo(true);
        assertThat(fn("file_exists", dir.toString())).isEqualTo(false);
        assertThat(fn("dir_exists", dir.toString())).isEqualTo(true);
        assertThat((Long) fn("file_inode", f.toString())).isPositive();
        assertThatThrownBy(() -> fn("file_size", p("missing.log"))).isInstanceOf(ExecError.class)
                .hasMessage("file_size '" + p("missing.log") + "' failed: no such file or directory");
        assertThatThrownBy(() -> fn("file_size", 3L)).hasMessage("file_size(): 'file' must be string, not integer");
        assertThatThrownBy(() -> fn("file_size", (Object) null)).hasMessage("file_size(): 'file' is undef");
    }

    @Test
    void writeAppends_readReads_truncateCuts_copyAndAppend() throws Exception {
        String f = p("w.txt");
        proc("file_write", f, "one\n");
        proc("file_write", f, "two\n");
        assertThat(fn("file_read", f)).isEqualTo("one\ntwo\n");
        proc("file_copy", f, p("c.txt"));
        proc("file_append", f, p("c.txt"));
        assertThat(Files.readString(Path.of(p("c.txt")))).isEqualTo("one\ntwo\none\ntwo\n");
        proc("file_truncate", f, 3L);
        assertThat(fn("file_read", f)).isEqualTo("one");
        proc("file_truncate", f);
        assertThat(Files.size(Path.of(f))).isZero();
        proc("file_truncate", p("new.txt"));
        assertThat(Files.exists(Path.of(p("new.txt")))).isTrue();
    }

    @Test
    void fileRemove_wildcardInTheName_andOlderThan() throws Exception {
        for (String n : new String[] {"a.log", "b.log", "keep.txt"}) {
            Files.writeString(dir.resolve(n), n);
        }
        proc("file_remove", p("*.log"), Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(files()).as("none changed before 2000").containsExactly("a.log", "b.log", "keep.txt");
        proc("file_remove", p("*.log"), Instant.now().plusSeconds(60));
        assertThat(files()).containsExactly("keep.txt");
        proc("file_remove", p("keep.txt"));
        assertThat(files()).isEmpty();
        assertThatThrownBy(() -> proc("file_remove", p("gone.txt")))
                .hasMessage("file_remove '" + p("gone.txt") + "' failed: no such file or directory");
    }

    @Test
    void renameTouchLinkChmod_andDirectories() throws Exception {
        String f = p("t.log");
        proc("file_touch", f);
        assertThat(Files.getLastModifiedTime(Path.of(f)).toInstant()).isEqualTo(clock.instant());
        proc("file_rename", f, p("r.log"));
        proc("file_link", p("r.log"), p("l.log"));
        assertThat(Files.isSameFile(Path.of(p("r.log")), Path.of(p("l.log")))).isTrue();
        proc("file_chmod", p("r.log"), 0640L);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(p("r.log")))))
                .isEqualTo("rw-r-----");
        proc("dir_make", p("x/y/z"));
        proc("dir_make", p("x/y/z"));
        proc("dir_remove", p("x/y/z"));
        assertThat(Files.exists(Path.of(p("x/y/z")))).isFalse();
        assertThatThrownBy(() -> proc("dir_remove", p("r.log"))).hasMessageContaining("not a directory");
        assertThat(Arrays.asList(files())).contains("r.log", "l.log", "x");
    }
}
