package io.logship.host.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.ConfigException;
import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestInputContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
    @TempDir
    Path dir;

    private final List<FileOutput> outputs = new ArrayList<>();

    @AfterEach
    void stopAll() throws LogshipException {
        for (FileOutput o : outputs) {
            o.stop();
        }
    }

    private FileOutput start(String... kv) throws ConfigException, LogshipException {
        FileOutputProvider p = new FileOutputProvider();
        FileOutput out = (FileOutput) p.create(ModuleConfigs.of(p, "out", dir, dir, dir, kv));
        out.start(new TestInputContext("om_file", "out", dir));
        outputs.add(out);
        return out;
    }

    @Test
    void write_whenFlushed_contentIsInTheFile() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = start("File", f.toString());
        out.write(Event.ofRaw("one"));
        out.write(Event.ofRaw("two \u00e9"));
        assertThat(Files.exists(f)).isTrue();
        out.flush();
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("one\ntwo \u00e9\n");
    }

    @Test
    void write_whenFileExists_appendsByDefault() throws Exception {
        Path f = dir.resolve("out.log");
        Files.writeString(f, "old\n");
        FileOutput out = start("File", f.toString());
        out.write(Event.ofRaw("new"));
        out.flush();
        assertThat(Files.readString(f)).isEqualTo("old\nnew\n");
    }

    @Test
    void start_whenFileEndsInALineCutByACrash_dropsTheFragmentBeforeAppending() throws Exception {
        Path f = dir.resolve("out.log");
        Files.writeString(f, "one\ntwo\nthr");
        FileOutput out = start("File", f.toString());
        out.write(Event.ofRaw("three"));
        out.flush();
        assertThat(Files.readString(f)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void start_whenFileIsOnlyACutLine_startsItAfresh() throws Exception {
        Path f = dir.resolve("out.log");
        Files.writeString(f, "x".repeat(200_000));
        FileOutput out = start("File", f.toString());
        out.write(Event.ofRaw("whole"));
        out.flush();
        assertThat(Files.readString(f)).isEqualTo("whole\n");
    }

    @Test
    void start_whenTruncateTrue_emptiesTheFile() throws Exception {
        Path f = dir.resolve("out.log");
        Files.writeString(f, "old\n");
        FileOutput out = start("File", f.toString(), "Truncate", "TRUE");
        assertThat(Files.size(f)).isZero();
        out.write(Event.ofRaw("new"));
        out.flush();
        assertThat(Files.readString(f)).isEqualTo("new\n");
    }

    @Test
    void start_whenDirectoryMissing_failsNamingInstanceAndPath() {
        Path f = dir.resolve("missing/sub/out.log");
        assertThatThrownBy(() -> start("File", f.toString()))
                .isInstanceOf(LogshipException.class)
                .hasMessageContaining("out")
                .hasMessageContaining(f.getParent().toString())
                .hasMessageContaining("CreateDir");
        assertThat(Files.exists(f.getParent())).isFalse();
    }

    @Test
    void start_whenCreateDirTrue_createsTheDirectory() throws Exception {
        Path f = dir.resolve("missing/sub/out.log");
        FileOutput out = start("File", f.toString(), "CreateDir", "TRUE");
        out.write(Event.ofRaw("x"));
        out.flush();
        assertThat(Files.readString(f)).isEqualTo("x\n");
    }

    @Test
    void start_whenFileIsADirectory_fails() throws Exception {
        Files.createDirectories(dir.resolve("d"));
        assertThatThrownBy(() -> start("File", dir.resolve("d").toString()))
                .isInstanceOf(LogshipException.class).hasMessageContaining("is a directory");
    }

    @Test
    void write_whenSyncTrue_everyEventIsInTheFileWithoutFlush() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = start("File", f.toString(), "Sync", "TRUE");
        out.write(Event.ofRaw("a"));
        assertThat(Files.readString(f)).isEqualTo("a\n");
        out.write(Event.ofRaw("b"));
        assertThat(Files.readString(f)).isEqualTo("a\nb\n");
    }

    @Test
    void write_whenNoRawEvent_writesFieldsAsJson() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = start("File", f.toString());
        Event e = new Event().set("Message", "say \"hi\"\n").set("Severity", 3).set("ok", true)
                .set("EventTime", Instant.parse("2026-01-02T03:04:05Z"));
        out.write(e);
        out.flush();
        // datetimes as to_json() writes them: NXLog's YYYY-MM-DDThh:mm:ss.sTZ in local time
        String local = java.time.OffsetDateTime.ofInstant(Instant.parse("2026-01-02T03:04:05Z"),
                java.time.ZoneId.systemDefault()).format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"));
        assertThat(Files.readString(f)).isEqualTo(
                "{\"Message\":\"say \\\"hi\\\"\\n\",\"Severity\":3,\"ok\":true,\"EventTime\":\"" + local + "\"}\n");
    }

    @Test
    void toJson_whenControlCharactersNonAsciiAndSpecialNumbers_readsBackAsWritten() throws Exception {
        String text = "tab\t nul\u0000 esc\u001b bell\u0007 \u00e9\u4e2d \ud83d\ude00 \\ \"q\" </x>";
        Event e = new Event().set("s", text).set("nan", Double.NaN).set("d", 1.5)
                .set("bin", new byte[] {0, 1, (byte) 0xff});
        String json = FileOutput.toJson(e);
        assertThat(json).doesNotContain("\n").startsWith("{\"s\":\"tab\\t nul\\u0000");
        java.util.Map<String, String> back = new java.util.LinkedHashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                back.put(name, p.getText());
            }
        }
        assertThat(back).containsExactly(java.util.Map.entry("s", text), java.util.Map.entry("nan", "NaN"),
                java.util.Map.entry("d", "1.5"), java.util.Map.entry("bin", "0001ff"));
    }

    @Test
    void write_whenEventLargerThanBuffer_isWrittenWholeAndInOrder() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = start("File", f.toString());
        String big = "b".repeat(FileOutput.BUFFER_SIZE * 2);
        out.write(Event.ofRaw("before"));
        out.write(Event.ofRaw(big));
        out.write(Event.ofRaw("after"));
        out.flush();
        assertThat(Files.readString(f)).isEqualTo("before\n" + big + "\nafter\n");
    }

    @Test
    void write_whenManyEvents_allArriveInOrder() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = start("File", f.toString());
        StringBuilder expect = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            String s = "event number " + i;
            out.write(Event.ofRaw(s));
            expect.append(s).append('\n');
        }
        out.flush();
        assertThat(Files.readString(f)).isEqualTo(expect.toString());
    }

    @Test
    void flush_whenFileWasRotatedAway_opensANewFileAtThePath() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = start("File", f.toString());
        out.write(Event.ofRaw("1"));
        out.flush();
        Files.move(f, dir.resolve("out.log.1"));
        out.write(Event.ofRaw("2"));
        out.flush(); // "2" goes to the handle still open (the renamed file), then a new file is opened
        out.write(Event.ofRaw("3"));
        out.flush();
        assertThat(Files.readString(dir.resolve("out.log.1"))).isEqualTo("1\n2\n");
        assertThat(Files.readString(f)).isEqualTo("3\n");
    }

    @Test
    void stop_whenEventsBuffered_flushesThem() throws Exception {
        Path f = dir.resolve("out.log");
        FileOutput out = start("File", f.toString());
        out.write(Event.ofRaw("last"));
        out.stop();
        assertThat(Files.readString(f)).isEqualTo("last\n");
    }
}
