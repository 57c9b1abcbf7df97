package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.LogshipException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
    @TempDir
    Path cache;

    @Test
    void save_thenLoad_roundTripsAwkwardStreamsAndValues() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(cache);
        Map<String, String> positions = new LinkedHashMap<>();
        positions.put("", "12");
        positions.put("/var/log/a b\tc.log", "inode=5;offset=99\nx");
        positions.put("back\\slash", "é€ \r");

        store.save("in", positions);

        assertThat(store.load("in")).isEqualTo(positions);
    }

    @Test
    void load_whenNothingSaved_returnsEmpty() throws Exception {
        assertThat(new FileCheckpointStore(cache).load("never")).isEmpty();
    }

    @Test
    void save_whenDone_replacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(cache);
        store.save("in", Map.of("", "1"));
        store.save("in", Map.of("", "2"));

        assertThat(store.load("in")).containsExactly(Map.entry("", "2"));
        try (Stream<Path> files = Files.list(store.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("in.pos");
        }
    }

    @Test
    void load_whenACrashLeftAHalfWrittenTemporaryFile_usesTheLastCompleteFile() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(cache);
        store.save("in", Map.of("", "7"));
        Path tmp = store.dir().resolve("in.pos.tmp");
        Files.writeString(tmp, "logship-positions 1\n\t8", StandardCharsets.UTF_8);

        assertThat(store.load("in")).containsExactly(Map.entry("", "7"));
        store.save("in", Map.of("", "9"));
        assertThat(store.load("in")).containsExactly(Map.entry("", "9"));
        assertThat(tmp).doesNotExist();
    }

    @Test
    void load_whenFileIsTruncated_failsNamingTheFile() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(cache);
        store.save("in", Map.of("a", "1", "b", "2"));
        Path file = store.fileFor("in");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        assertThatThrownBy(() -> store.load("in")).isInstanceOf(LogshipException.class)
                .hasMessageContaining("corrupt position file " + file).hasMessageContaining("input in");
    }

    @Test
    void load_whenAValueWasAltered_failsOnTheChecksum() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(cache);
        store.save("in", Map.of("", "1000"));
        Path file = store.fileFor("in");
        Files.writeString(file, Files.readString(file).replace("1000", "9000"));

        assertThatThrownBy(() -> store.load("in")).isInstanceOf(LogshipException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum mismatch");
    }

    @Test
    void load_whenFileIsEmptyOrGarbage_fails() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(cache);
        Files.createDirectories(store.dir());
        Files.write(store.fileFor("empty"), new byte[0]);
        Files.write(store.fileFor("bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 10});

        assertThatThrownBy(() -> store.load("empty")).hasMessageContaining("empty");
        assertThatThrownBy(() -> store.load("bin")).hasMessageContaining("not UTF-8");
    }

    @Test
    void fileFor_whenInstanceNameHasPathCharacters_staysInsideThePositionsDirectory() {
        FileCheckpointStore store = new FileCheckpointStore(cache);

        for (String name : new String[] {"../../etc/passwd", "..", ".", "a/b", "a\\b", "x y", ""}) {
            Path f = store.fileFor(name);
            assertThat(f.getParent()).isEqualTo(store.dir());
            assertThat(f.getFileName().toString()).doesNotContain("/").doesNotStartWith(".");
        }
        assertThat(store.fileFor("in_file-1.x").getFileName().toString()).isEqualTo("in_file-1.x.pos");
        assertThat(store.fileFor("a/b")).isNotEqualTo(store.fileFor("a_b"));
    }
}
