package io.logship.s3.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The late-arrival window: the listing cursor (the greatest key read in listing order) plus a bounded
 * set of keys read recently, so that an object whose key sorts before the cursor but appears later
 * is still read once.
 *
 * <p>"Recently" is measured on S3's clock: a key stays while its LastModified is within {@code window}
 * of the newest LastModified read, and the set holds at most {@code maxKeys} keys (the oldest leave
 * first). Each listing starts after the smallest key still in the set, so a late key is found when it
 * sorts after at least one key read within the window; one that sorts before all of them is not listed.
 */
final class LateWindow {
    /** What a listed object is, relative to what was read. */
    enum Verdict {
        /** Sorts after the cursor: read it. */
        NEW,
        /** Sorts before the cursor, not read yet and LastModified within the window: read it. */
        LATE,
        /** In the set of keys read: skip. */
        ALREADY_READ,
        /** Sorts before the cursor and is older than the window: taken as read long ago, skipped. */
        BEFORE_WINDOW
    }

    /**
     * A key read, when it was last modified (epoch ms), the journal sequence that recorded it, and its
     * journal flag (r read, e empty, f failed, d read and AfterRead done or not wanted).
     */
    record Entry(String key, long lastModified, long seq, char flag) {
    }

    private static final Comparator<Entry> BY_AGE = Comparator.comparingLong(Entry::lastModified)
            .thenComparing(Entry::key);

    private final long windowMillis;
    private final int maxKeys;
    private final TreeMap<String, Entry> byKey = new TreeMap<>();
    private final TreeSet<Entry> byAge = new TreeSet<>(BY_AGE);
    private String cursor;
    private long newest = Long.MIN_VALUE;

    LateWindow(long windowMillis, int maxKeys, String cursor) {
        this.windowMillis = windowMillis;
        this.maxKeys = maxKeys;
        this.cursor = cursor;
    }

    /** The greatest key read in listing order, or null before the first. */
    String cursor() {
        return cursor;
    }

    void cursor(String key) {
        this.cursor = key;
    }

    /** Where the next listing starts (exclusive, as S3's StartAfter), or null for the beginning. */
    String listAfter() {
        if (cursor == null) {
            return null;
        }
        if (byKey.isEmpty()) {
            return cursor;
        }
        String first = byKey.firstKey();
        return first.compareTo(cursor) < 0 ? first : cursor;
    }

    Verdict classify(String key, long lastModified) {
        if (cursor == null || key.compareTo(cursor) > 0) {
            return Verdict.NEW;
        }
        if (byKey.containsKey(key)) {
            return Verdict.ALREADY_READ;
        }
        if (!byKey.isEmpty() && lastModified >= horizon()) {
            return Verdict.LATE;
        }
        return Verdict.BEFORE_WINDOW;
    }

    /** Records a finished object: advances the cursor if it sorts after it, adds it to the set, expires. */
    void finished(String key, long lastModified, long seq, char flag) {
        if (cursor == null || key.compareTo(cursor) > 0) {
            cursor = key;
        }
        add(new Entry(key, lastModified, seq, flag));
        expire();
    }

    /** Adds an entry restored from the journal (no expiry until {@link #expire}). */
    void restore(Entry e) {
        add(e);
    }

    private void add(Entry e) {
        Entry old = byKey.put(e.key(), e);
        if (old != null) {
            byAge.remove(old);
        }
        byAge.add(e);
        if (e.lastModified() > newest) {
            newest = e.lastModified();
        }
    }

    /** Drops keys older than the window and the oldest beyond maxKeys. */
    void expire() {
        long horizon = horizon();
        while (!byAge.isEmpty() && (byAge.first().lastModified() < horizon || byAge.size() > maxKeys)) {
            Entry e = byAge.pollFirst();
            byKey.remove(e.key());
        }
    }

    private long horizon() {
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - windowMillis;
    }

    /** The newest LastModified read (epoch ms), or Long.MIN_VALUE. */
    long newest() {
        return newest;
    }

    /** Marks a key's AfterRead as done (flag d), if it is still in the set. */
    void actioned(String key) {
        Entry e = byKey.get(key);
        if (e != null) {
            byKey.put(key, new Entry(key, e.lastModified(), e.seq(), 'd'));
            byAge.remove(e);
            byAge.add(byKey.get(key));
        }
    }

    boolean contains(String key) {
        return byKey.containsKey(key);
    }

    int size() {
        return byKey.size();
    }

    /** The entries in key order. */
    List<Entry> entries() {
        return new ArrayList<>(byKey.values());
    }

    /** Entries by key (a copy). */
    Map<String, Entry> snapshot() {
        return new HashMap<>(byKey);
    }
}
