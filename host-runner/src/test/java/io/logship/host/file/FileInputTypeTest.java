package io.logship.host.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.api.InputType;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestInputContext;
import io.logship.testkit.TestModuleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * im_file with an InputType extension: xm_multiline found through the ServiceLoader as the host finds it,
 * end to end through the file, its positions, a restart in the middle of a record and AutoFlush on the
 * injected clock.
 */
class FileInputTypeTest {
    @TempDir
    Path dir;
    private final FakeClock clock = FakeClock.aMinuteAgo();
    private final List<FileInput> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(FileInput::stop);
    }

    private static ModuleProvider provider(String name) {
        return ServiceLoader.load(ModuleProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** An xm_multiline instance "multiline" made from the directives, started. */
    private ExtensionModule multiline(String... kv) throws Exception {
        ModuleProvider p = provider("xm_multiline");
        ExtensionModule m = (ExtensionModule) p.create(ModuleConfigs.of(p, "multiline", dir, dir, dir, kv));
        m.start(new TestModuleContext("xm_multiline", "multiline", dir));
        return m;
    }

    private TestInputContext context(Object multiline) {
        TestInputContext ctx = new TestInputContext("im_file", "in", dir);
        ctx.setClock(clock);
        ctx.addExtension("multiline", "xm_multiline", multiline);
        return ctx;
    }

    private FileInput input(TestInputContext ctx, String... kv) throws Exception {
        FileInputProvider p = new FileInputProvider();
        FileInput in = (FileInput) p.create(ModuleConfigs.of(p, "in", dir, dir, dir, kv));
        started.add(in);
        in.start(ctx);
        return in;
    }

    private FileInput multilineInput(TestInputContext ctx, Path file) throws Exception {
        return input(ctx, "File", file.toString(), "ReadFromLast", "FALSE", "InputType", "multiline");
    }

    private static void append(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void readAll(FileInput in, TestInputContext ctx) throws Exception {
        ctx.runUntilIdle(in, 1_000);
    }

    private static long offsetOf(Event e) {
        SavedPosition p = SavedPosition.parse(e.position().value());
        assertThat(p).isNotNull();
        return p.offset();
    }

    @Test
    void headerLine_joinsLines_eachRecordPositionedWhereItsLastLineEnds() throws Exception {
        Path f = dir.resolve("app.log");
        String first = "2024-01-01 first\n  at a\n  at b\n";
        append(f, first + "2024-01-02 second\n  at c\n");
        TestInputContext ctx = context(multiline("HeaderLine", "/^\\d{4}-\\d\\d-\\d\\d /"));
        FileInput in = multilineInput(ctx, f);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("2024-01-01 first\n  at a\n  at b");
        assertThat(offsetOf(ctx.events.get(0))).isEqualTo(first.length());
        assertThat(ctx.events.get(0).getString(LineReader.FILE_NAME_FIELD)).isEqualTo(f.toString());
    }

    @Test
    void restartInTheMiddleOfARecord_readsItAgainWhole_noLineLostOrRepeated() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "H one\n  1a\nH two\n  2a\n");
        Object ml = multiline("HeaderLine", "/^H /", "AutoFlush", "FALSE");
        TestInputContext ctx = context(ml);
        FileInput in = multilineInput(ctx, f);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("H one\n  1a");
        ctx.commitAll(); // every output flushed what was posted; "H two" is held, covered by no position
        in.stop(); // the agent stops (or dies) with "H two\n  2a" held

        append(f, "  2b\nH three\n");
        TestInputContext next = ctx.restart();
        FileInput again = multilineInput(next, f);
        readAll(again, next);
        assertThat(next.raws()).containsExactly("H two\n  2a\n  2b");
        assertThat(offsetOf(next.events.get(0))).isEqualTo("H one\n  1a\nH two\n  2a\n  2b\n".length());
    }

    @Test
    void crashWhilePostingARecord_theRecordComesAgainAfterRestart() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "H 1\nx\nH 2\ny\nH 3\nz\nH 4\n");
        TestInputContext ctx = context(multiline("HeaderLine", "/^H /"));
        ctx.refuseAfter(1); // the host stops after accepting the first record
        FileInput in = multilineInput(ctx, f);
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("H 1\nx");
        ctx.commitAll();
        in.stop();

        TestInputContext next = ctx.restart();
        next.resume();
        FileInput again = multilineInput(next, f);
        readAll(again, next);
        assertThat(next.raws()).containsExactly("H 2\ny", "H 3\nz");
    }

    @Test
    void autoFlush_emitsAHeldRecordOncePollIntervalPassedWithoutData() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "H last\n  tail\n");
        TestInputContext ctx = context(multiline("HeaderLine", "/^H /"));
        FileInput in = input(ctx, "File", f.toString(), "ReadFromLast", "FALSE", "InputType", "multiline",
                "PollInterval", "2");
        readAll(in, ctx);
        assertThat(ctx.raws()).isEmpty();
        clock.advance(Duration.ofMillis(1_999));
        readAll(in, ctx);
        assertThat(ctx.raws()).as("not idle for PollInterval yet").isEmpty();
        clock.advance(Duration.ofMillis(1));
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("H last\n  tail");
        assertThat(offsetOf(ctx.events.get(0))).isEqualTo(Files.size(f));

        append(f, "  late continuation\n");
        readAll(in, ctx);
        clock.advance(Duration.ofSeconds(2));
        readAll(in, ctx);
        assertThat(ctx.raws()).as("a line after the flush is an event of its own, as in NXLog")
                .containsExactly("H last\n  tail", "  late continuation");
    }

    @Test
    void autoFlushFalse_holdsTheRecordWhateverTheClock() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "H last\n  tail\n");
        TestInputContext ctx = context(multiline("HeaderLine", "/^H /", "AutoFlush", "FALSE"));
        FileInput in = multilineInput(ctx, f);
        readAll(in, ctx);
        clock.advance(Duration.ofHours(1));
        readAll(in, ctx);
        assertThat(ctx.raws()).isEmpty();
    }

    @Test
    void rotatedAwayFile_emitsItsHeldRecordWhenItIsRetired_evenWithoutAutoFlush() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "H old\n  tail\n");
        TestInputContext ctx = context(multiline("HeaderLine", "/^H /", "AutoFlush", "FALSE"));
        FileInput in = multilineInput(ctx, f);
        readAll(in, ctx);
        Files.move(f, dir.resolve("app.log.1"));
        append(f, "H new\n");
        readAll(in, ctx);
        assertThat(ctx.raws()).isEmpty();
        clock.advance(Duration.ofMillis(FileInput.RETIRE_IDLE_MIN_MS));
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("H old\n  tail");
    }

    @Test
    void fixedLineCount_recordsComeWithoutWaiting() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "a1\na2\nb1\nb2\nc1\n");
        TestInputContext ctx = context(multiline("FixedLineCount", "2"));
        readAll(multilineInput(ctx, f), ctx);
        assertThat(ctx.raws()).containsExactly("a1\na2", "b1\nb2");
    }

    @Test
    void inputType_lineBasedIsTheDefault_inAnyCase() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "H a\nb\n");
        TestInputContext ctx = context(new Object());
        FileInput in = input(ctx, "File", f.toString(), "ReadFromLast", "FALSE", "InputType", "linebased");
        readAll(in, ctx);
        assertThat(ctx.raws()).containsExactly("H a", "b");
    }

    @Test
    void inputType_namingNoExtensionOrTheWrongOne_failsAtStartNamingIt() throws Exception {
        Path f = dir.resolve("app.log");
        FileInputProvider p = new FileInputProvider();
        FileInput in = (FileInput) p.create(ModuleConfigs.of(p, "in", dir, dir, dir, "File", f.toString(),
                "InputType", "multi"));
        started.add(in);
        assertThatThrownBy(() -> in.start(context(new Object())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("<test>:2: in: InputType multi: there is no <Extension multi> in the config "
                        + "(extension instances: multiline)");
        FileInput wrong = (FileInput) p.create(ModuleConfigs.of(p, "in", dir, dir, dir, "File", f.toString(),
                "InputType", "multiline"));
        started.add(wrong);
        assertThatThrownBy(() -> wrong.start(context(new Object())))
                .hasMessage("<test>:2: in: InputType multiline: extension instance multiline (xm_multiline) is not "
                        + "an InputType");
    }

    @Test
    void inputType_builtInsLogshipLacks_areRefusedAtConfig() {
        FileInputProvider p = new FileInputProvider();
        assertThatThrownBy(() -> p.create(ModuleConfigs.of(p, "in", dir, dir, dir, "File", "/x", "InputType",
                "Dgram"))).hasMessageContaining("<test>:2: in: InputType: Dgram is for datagram inputs");
        assertThatThrownBy(() -> p.create(ModuleConfigs.of(p, "in", dir, dir, dir, "File", "/x", "InputType",
                "Binary"))).hasMessageContaining("Binary (NXLog's own binary format) is not supported");
        assertThatThrownBy(() -> p.create(ModuleConfigs.of(p, "in", dir, dir, dir, "File", "/x", "InputType",
                "two words"))).hasMessageContaining("'two words' is neither LineBased nor an extension instance name");
    }

    /** A splitter that sees every line: the input hands over what its line reader made of the bytes. */
    @Test
    void splitter_getsEachLineWithItsTerminatorAndEndOffset() throws Exception {
        Path f = dir.resolve("app.log");
        append(f, "a\r\nbb\nccc\n");
        List<String> seen = new ArrayList<>();
        InputType recorder = source -> new InputType.Splitter() {
            @Override
            public boolean line(String line, String terminator, long endOffset, InputType.Emitter out)
                    throws InterruptedException {
                seen.add(source + "|" + line + "|" + terminator.replace("\r", "\\r").replace("\n", "\\n") + "|"
                        + endOffset);
                return out.emit(Event.ofRaw(line), endOffset);
            }

            @Override
            public boolean idle(InputType.Emitter out) {
                return true;
            }

            @Override
            public boolean end(InputType.Emitter out) {
                return true;
            }

            @Override
            public boolean holding() {
                return false;
            }
        };
        TestInputContext ctx = context(recorder);
        readAll(multilineInput(ctx, f), ctx);
        assertThat(seen).containsExactly(f + "|a|\\r\\n|3", f + "|bb|\\n|6", f + "|ccc|\\n|10");
        assertThat(ctx.events).extracting(FileInputTypeTest::offsetOf).containsExactly(3L, 6L, 10L);
    }
}
