package io.logship.lang.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Compiled formats by their text, so a format compiles once however often it is used: a format is nearly
 * always a literal, so the map holds a handful. Bounded: past {@link #MAX} formats (formats built per event) it
 * starts over rather than grow. Thread-safe.
 */
final class FormatCache<T> {
    static final int MAX = 256;

    private final ConcurrentHashMap<String, T> compiled = new ConcurrentHashMap<>();
    private final Function<String, T> compiler;

    FormatCache(Function<String, T> compiler) {
        this.compiler = compiler;
    }

    T get(String format) {
        T t = compiled.get(format);
        if (t == null) {
            if (compiled.size() >= MAX) {
                compiled.clear();
            }
            t = compiled.computeIfAbsent(format, compiler);
        }
        return t;
    }

    int size() {
        return compiled.size();
    }
}
