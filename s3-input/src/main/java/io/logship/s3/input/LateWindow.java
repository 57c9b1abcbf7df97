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
 * first). Each key in the set remembers its <em>floor</em>: the key listed just before it when it was
 * found (any key, read or skipped), or "" when it was the first key of a listing from the start. A full
 * listing starts after the smallest floor in the set, so a late key is found when it sorts after the key
 * listed before some key still in the window; one that sorts before that, too, is not listed.
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
     * A key read, when it was last modified (epoch ms), the journal sequence that recorded it, its
     * journal flag (r read, e empty, f failed, d read and AfterRead done or not wanted) and its floor (the
     * key listed just before it, "" for the start of the listing; the key itself when not known).
     */
    record Entry(String key, long lastModified, long seq, char flag, String floor) {
        Entry {
            if (floor.compareTo(key) > 0) {
                floor = key;
            }
        }
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

    /**
     * Where the next full listing starts (exclusive, as S3's StartAfter), or null for the beginning: after
     * the smallest floor in the set, or after the cursor when the set is empty.
     */
    String listAfter() {
        if (cursor == null) {
            return null;
        }
        String after = cursor;
        for (Entry e : byKey.values()) {
            if (e.floor().compareTo(after) < 0) {
                after = e.floor();
            }
        }
        return after.isEmpty() ? null : after;
    }

    /**
     * A floor for a key whose listing neighbour is not known (an object resumed after a restart): where full
     * listings start now, or the run's initial cursor while the set is empty ("" for the beginning).
     */
    String floorFor(String initialCursor) {
        String after = byKey.isEmpty() ? initialCursor : listAfter();
        return after == null ? "" : after;
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
    void finished(String key, long lastModified, long seq, char flag, String floor) {
        if (cursor == null || key.compareTo(cursor) > 0) {
            cursor = key;
        }
        add(new Entry(key, lastModified, seq, flag, floor));
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
            byKey.put(key, new Entry(key, e.lastModified(), e.seq(), 'd', e.floor()));
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
