package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectContentTest {
    private static List<String> read(byte[] data, String key) throws IOException {
        List<String> out = new ArrayList<>();
        try (ObjectContent c = ObjectContent.open(new ByteArrayInputStream(data), key)) {
            while (c.nextEntry()) {
                String text = new String(c.entryStream().readAllBytes(), StandardCharsets.UTF_8);
                out.add((c.entryName() == null ? "" : c.entryName() + ":") + text.strip().replace('\n', '|'));
            }
        }
        return out;
    }

    @Test
    void open_whenCompressedWithoutExtension_detectsFromMagic() throws IOException {
        byte[] data = Formats.lines("x", 2);
        assertThat(read(Formats.gzip(data), "k")).containsExactly("x 1|x 2");
        assertThat(read(Formats.bzip2(data), "k")).containsExactly("x 1|x 2");
        assertThat(read(Formats.xz(data), "k")).containsExactly("x 1|x 2");
        assertThat(read(Formats.zstd(data), "k")).containsExactly("x 1|x 2");
        assertThat(read(data, "k.gz")).containsExactly("x 1|x 2");
    }

    @Test
    void open_whenExtensionNamesAnotherFormat_readsTheBytesFormatAndNotesIt() throws IOException {
        byte[] zst = Formats.zstd(Formats.lines("x", 1));
        try (ObjectContent c = ObjectContent.open(new ByteArrayInputStream(zst), "a.log.gz")) {
            assertThat(c.compression()).isEqualTo(Compression.ZSTD);
            assertThat(c.notes()).singleElement().asString().contains(".gz", "zstd");
            assertThat(c.warnings()).isEmpty();
        }
    }

    @Test
    void open_whenTextNamedCompressed_readsItAsTextWithAWarning() throws IOException {
        try (ObjectContent c = ObjectContent.open(new ByteArrayInputStream(Formats.lines("x", 1)), "a.log.gz")) {
            assertThat(c.compression()).isEqualTo(Compression.NONE);
            assertThat(c.isTextFallback()).isTrue();
            assertThat(c.notes()).isEmpty();
            assertThat(c.warnings()).singleElement().asString().contains("ends in .gz", "not gzip", "read as text");
        }
        try (ObjectContent c = ObjectContent.open(new ByteArrayInputStream(Formats.lines("x", 1)), "a.log", -1,
                "zstd")) {
            assertThat(c.warnings()).singleElement().asString().contains("Content-Encoding is zstd");
        }
    }

    @Test
    void open_whenBinaryNamedCompressed_refusesBeforeReading() {
        byte[] nul = {'a', 'b', 0, 'c', '\n'};
        byte[] invalid = {'a', (byte) 0xC3, '(', '\n'};
        for (byte[] b : List.of(nul, invalid)) {
            assertThatThrownBy(() -> ObjectContent.open(new ByteArrayInputStream(b), "a.log.bz2"))
                    .isInstanceOf(ObjectContent.NotAsNamedException.class)
                    .hasMessageContaining("neither bzip2 nor UTF-8 text");
            assertThatThrownBy(() -> ObjectContent.open(new ByteArrayInputStream(b), "a.log", -1, "x-gzip"))
                    .isInstanceOf(ObjectContent.NotAsNamedException.class)
                    .hasMessageContaining("Content-Encoding is x-gzip");
        }
    }

    @Test
    void open_whenStreamedTextCutMidCharacterAtTheProbe_isText() throws IOException {
        // 65,535 ASCII bytes then a two-byte character: the first 64 KiB end inside it
        byte[] b = Formats.concat("x".repeat(65_535).getBytes(StandardCharsets.UTF_8),
                "é\n".getBytes(StandardCharsets.UTF_8));
        InputStream streamed = new java.io.BufferedInputStream(new ByteArrayInputStream(b)) {
            @Override
            public boolean markSupported() {
                return false; // as an object streamed from S3
            }
        };
        try (ObjectContent c = ObjectContent.open(streamed, "a.gz", -1, null)) {
            assertThat(c.isTextFallback()).isTrue();
            assertThat(c.entryStream() == null && c.nextEntry()).isTrue();
            assertThat(c.entryStream().readAllBytes()).isEqualTo(b);
        }
    }

    @Test
    void open_whenArchives_iteratesFileEntries() throws IOException {
        byte[] tar = Formats.tar("a.log", Formats.lines("a", 1), "b.log.xz", Formats.xz(Formats.lines("b", 2)));
        assertThat(read(tar, "x.tar")).containsExactly("a.log:a 1", "b.log.xz:b 1|b 2");
        assertThat(read(Formats.gzip(tar), "x.tgz")).containsExactly("a.log:a 1", "b.log.xz:b 1|b 2");
        assertThat(read(Formats.zstd(tar), "x")).containsExactly("a.log:a 1", "b.log.xz:b 1|b 2");
        byte[] zip = Formats.zip("z.log", Formats.lines("z", 2), "g.gz", Formats.gzip(Formats.lines("g", 1)));
        assertThat(read(zip, "x.zip")).containsExactly("z.log:z 1|z 2", "g.gz:g 1");
        try (ObjectContent c = ObjectContent.open(new ByteArrayInputStream(Formats.gzip(tar)), "x")) {
            assertThat(c.describe()).isEqualTo("gzip+tar");
        }
    }

    @Test
    void read_whenGzipTruncated_throws() throws IOException {
        byte[] gz = Formats.gzip(Formats.lines("x", 10_000));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> read(cut, "k.gz")).isInstanceOf(IOException.class);
    }

    @Test
    void read_whenGarbageAfterGzipMember_throws() throws IOException {
        byte[] gz = Formats.concat(Formats.gzip(Formats.lines("x", 3)), "garbage".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(gz, "k.gz")).isInstanceOf(IOException.class);
    }
}
