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
        w.finished("s/12.36.34.1", 1_000, 1, 'r', "s/12.36.33.9");
        w.finished("s/12.36.34.9", 2_000, 2, 'r', "s/12.36.34.1");
        assertThat(w.cursor()).isEqualTo("s/12.36.34.9");
        assertThat(w.listAfter()).isEqualTo("s/12.36.33.9");
        assertThat(w.classify("s/12.36.34.10", 3_000)).isEqualTo(Verdict.LATE);
        w.finished("s/12.36.34.10", 3_000, 3, 'r', "s/12.36.34.1");
        assertThat(w.cursor()).isEqualTo("s/12.36.34.9");
        assertThat(w.classify("s/12.36.34.10", 3_000)).isEqualTo(Verdict.ALREADY_READ);
        assertThat(w.classify("s/12.36.35.1", 4_000)).isEqualTo(Verdict.NEW);
    }

    @Test
    void expire_whenNewerObjectsMoveBeyondWindow_dropsOldKeysAndRaisesFloor() {
        LateWindow w = new LateWindow(10_000, 100, null);
        w.finished("a", 1_000, 1, 'r', "");
        w.finished("b", 5_000, 2, 'r', "a");
        w.finished("c", 12_000, 3, 'r', "b");
        assertThat(w.contains("a")).isFalse();
        // listed after the key listed before b, the smallest key still in the window
        assertThat(w.listAfter()).isEqualTo("a");
        // older than the window and not remembered: taken as read long ago
        assertThat(w.classify("a", 1_000)).isEqualTo(Verdict.BEFORE_WINDOW);
        assertThat(w.classify("ab", 11_000)).isEqualTo(Verdict.LATE);
        assertThat(w.classify("bb", 11_000)).isEqualTo(Verdict.LATE);
    }

    @Test
    void expire_whenMoreKeysThanMax_dropsOldestFirst() {
        LateWindow w = new LateWindow(1_000_000, 3, null);
        for (int i = 0; i < 10; i++) {
            w.finished("k" + i, i, i + 1, 'r', i == 0 ? "" : "k" + (i - 1));
        }
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.entries()).extracting(LateWindow.Entry::key).containsExactly("k7", "k8", "k9");
        assertThat(w.listAfter()).isEqualTo("k6");
    }

    @Test
    void listAfter_whenLateKeySortsBeforeEveryKeyRead_startsBeforeIt() {
        // the first key of a first run was listed first: full listings start at the beginning
        LateWindow w = new LateWindow(60_000, 100, null);
        w.finished("logs/obj-1.log-tmp", 1_000, 1, 'f', "");
        assertThat(w.listAfter()).isNull();
        assertThat(w.classify("logs/obj-1.log", 1_500)).isEqualTo(Verdict.LATE);
        w.finished("logs/obj-1.log", 1_500, 2, 'r', "");
        assertThat(w.cursor()).isEqualTo("logs/obj-1.log-tmp");
        assertThat(w.classify("logs/obj-1.log", 1_500)).isEqualTo(Verdict.ALREADY_READ);
    }

    @Test
    void listAfter_whenFirstRunStartedAfterAKey_startsAfterThatKey() {
        // a first run with StartAfter: the first key's floor is where the listing started
        LateWindow w = new LateWindow(60_000, 100, "p/100");
        w.finished("p/300", 1_000, 1, 'r', "p/100");
        w.finished("p/400", 2_000, 2, 'r', "p/300");
        assertThat(w.listAfter()).isEqualTo("p/100");
        assertThat(w.classify("p/200", 2_500)).isEqualTo(Verdict.LATE);
    }

    @Test
    void entry_whenFloorSortsAfterItsKey_isTheKeyItself() {
        LateWindow w = new LateWindow(60_000, 100, null);
        w.finished("b", 1_000, 1, 'r', "c");
        assertThat(w.listAfter()).isEqualTo("b");
    }

    @Test
    void floorFor_whenSetIsEmpty_isTheInitialCursorOrTheBeginning() {
        LateWindow w = new LateWindow(60_000, 100, "k/5");
        assertThat(w.floorFor(null)).isEmpty();
        assertThat(w.floorFor("k/1")).isEqualTo("k/1");
        w.finished("k/5", 1_000, 1, 'r', "k/1");
        w.finished("k/6", 1_000, 2, 'r', "k/5");
        assertThat(w.floorFor(null)).isEqualTo("k/1");
    }

    @Test
    void classify_whenWindowEmptyAfterRestartWithCursor_keysBeforeCursorAreNotLate() {
        LateWindow w = new LateWindow(60_000, 100, "m");
        assertThat(w.listAfter()).isEqualTo("m");
        assertThat(w.classify("a", Long.MAX_VALUE)).isEqualTo(Verdict.BEFORE_WINDOW);
        assertThat(w.classify("n", 0)).isEqualTo(Verdict.NEW);
    }
}
