package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowJournalTest {
    @TempDir
    Path dir;

    @Test
    void load_whenRewrittenAndAppended_returnsEverything() throws Exception {
        Path f = dir.resolve("im_s3/in.window");
        try (WindowJournal j = new WindowJournal(f, new S3Location("b", "logs/\tx"))) {
            j.rewrite("start key\twith tab", List.of(new WindowJournal.Line(1, 100, 'r', "a\nb", "")), List.of());
            j.append(new WindowJournal.Line(2, 200, 'f', "c\\d", "a\tb"));
            j.appendAction(1);
            j.flush();
        }
        WindowJournal.Loaded l = WindowJournal.load(f);
        assertThat(l.location()).isEqualTo(new S3Location("b", "logs/\tx"));
        assertThat(l.initialCursor()).isEqualTo("start key\twith tab");
        assertThat(l.lines()).containsExactly(new WindowJournal.Line(1, 100, 'r', "a\nb", ""),
                new WindowJournal.Line(2, 200, 'f', "c\\d", "a\tb"));
        assertThat(l.actioned()).containsExactly(1L);
        assertThat(l.problems()).isEmpty();
    }

    @Test
    void load_whenLastLineCutShort_skipsItAndSaysSo() throws Exception {
        Path f = dir.resolve("in.window");
        try (WindowJournal j = new WindowJournal(f, new S3Location("b", ""))) {
            j.rewrite(null, List.of(new WindowJournal.Line(1, 100, 'r', "a", "")), List.of());
        }
        Files.writeString(f, "2\t20", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        WindowJournal.Loaded l = WindowJournal.load(f);
        assertThat(l.initialCursor()).isNull();
        assertThat(l.lines()).hasSize(1);
        assertThat(l.problems()).singleElement().asString().contains("damaged line");
    }

    @Test
    void load_whenVersion1File_takesEachKeyAsItsOwnFloor() throws Exception {
        Path f = dir.resolve("v1.window");
        Files.writeString(f, "im_s3-window 1 >k/0\n1\t100\tr\tk/1\n2\t200\td\tk/2\na\t1\n", StandardCharsets.UTF_8);
        WindowJournal.Loaded l = WindowJournal.load(f);
        assertThat(l.location()).isNull();
        assertThat(l.initialCursor()).isEqualTo("k/0");
        assertThat(l.lines()).containsExactly(new WindowJournal.Line(1, 100, 'r', "k/1", "k/1"),
                new WindowJournal.Line(2, 200, 'd', "k/2", "k/2"));
        assertThat(l.actioned()).containsExactly(1L);
        assertThat(l.problems()).isEmpty();
    }

    @Test
    void load_whenVersion2LineLacksItsFloor_skipsItAndSaysSo() throws Exception {
        Path f = dir.resolve("v2.window");
        Files.writeString(f, "im_s3-window 2 -\n1\t100\tr\tk/1\t\n2\t200\tr\tk/2\n", StandardCharsets.UTF_8);
        WindowJournal.Loaded l = WindowJournal.load(f);
        assertThat(l.location()).isNull();
        assertThat(l.lines()).containsExactly(new WindowJournal.Line(1, 100, 'r', "k/1", ""));
        assertThat(l.problems()).singleElement().asString().contains(":3: damaged line");
    }

    @Test
    void load_whenMissing_isEmpty() throws Exception {
        WindowJournal.Loaded l = WindowJournal.load(dir.resolve("none.window"));
        assertThat(l.lines()).isEmpty();
        assertThat(l.initialCursor()).isNull();
    }
}
