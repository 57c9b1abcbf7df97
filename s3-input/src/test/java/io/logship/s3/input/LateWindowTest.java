package io.logship.s3.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.s3.input.LateWindow.Verdict;
import org.junit.jupiter.api.Test;

class LateWindowTest {
    @Test
    void classify_whenNothingRead_everythingIsNew() {
        LateWindow w = new LateWindow(60_000, 100, null);
        assertThat(w.classify("a", 0)).isEqualTo(Verdict.NEW);
        assertThat(w.listAfter()).isNull();
    }

    @Test
    void classify_whenKeySortsBeforeCursorWithinWindow_isLateOnce() {
        LateWindow w = new LateWindow(60_000, 100, null);
        w.finished("s/12.36.34.1", 1_000, 1, 'r');
        w.finished("s/12.36.34.9", 2_000, 2, 'r');
        assertThat(w.cursor()).isEqualTo("s/12.36.34.9");
        assertThat(w.listAfter()).isEqualTo("s/12.36.34.1");
        assertThat(w.classify("s/12.36.34.10", 3_000)).isEqualTo(Verdict.LATE);
        w.finished("s/12.36.34.10", 3_000, 3, 'r');
        assertThat(w.cursor()).isEqualTo("s/12.36.34.9");
        assertThat(w.classify("s/12.36.34.10", 3_000)).isEqualTo(Verdict.ALREADY_READ);
        assertThat(w.classify("s/12.36.35.1", 4_000)).isEqualTo(Verdict.NEW);
    }

    @Test
    void expire_whenNewerObjectsMoveBeyondWindow_dropsOldKeysAndRaisesFloor() {
        LateWindow w = new LateWindow(10_000, 100, null);
        w.finished("a", 1_000, 1, 'r');
        w.finished("b", 5_000, 2, 'r');
        w.finished("c", 12_000, 3, 'r');
        assertThat(w.contains("a")).isFalse();
        assertThat(w.listAfter()).isEqualTo("b");
        // older than the window and not remembered: taken as read long ago
        assertThat(w.classify("a", 1_000)).isEqualTo(Verdict.BEFORE_WINDOW);
        assertThat(w.classify("bb", 11_000)).isEqualTo(Verdict.LATE);
    }

    @Test
    void expire_whenMoreKeysThanMax_dropsOldestFirst() {
        LateWindow w = new LateWindow(1_000_000, 3, null);
        for (int i = 0; i < 10; i++) {
            w.finished("k" + i, i, i + 1, 'r');
        }
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.entries()).extracting(LateWindow.Entry::key).containsExactly("k7", "k8", "k9");
    }

    @Test
    void classify_whenWindowEmptyAfterRestartWithCursor_keysBeforeCursorAreNotLate() {
        LateWindow w = new LateWindow(60_000, 100, "m");
        assertThat(w.listAfter()).isEqualTo("m");
        assertThat(w.classify("a", Long.MAX_VALUE)).isEqualTo(Verdict.BEFORE_WINDOW);
        assertThat(w.classify("n", 0)).isEqualTo(Verdict.NEW);
    }
}
