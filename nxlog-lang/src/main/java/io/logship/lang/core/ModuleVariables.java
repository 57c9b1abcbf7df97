package io.logship.lang.core;

import io.logship.lang.ExecError;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An instance's module variables ({@code create_var}, {@code set_var}, {@code get_var}, {@code delete_var}): a
 * value and an optional expiry per name. An expired variable reads as undef and is removed when next touched, and
 * all expired ones are swept when the map reaches the limit; past {@link #MAX} live variables creating another is
 * an error (a name built per event would otherwise grow without bound). Thread-safe.
 */
final class ModuleVariables {
    static final int MAX = 100_000;

    /** A variable: its value (null = undef) and when it expires (null = never). Immutable. */
    private record Var(Object value, Instant expiry) {
        boolean expired(Instant now) {
            return expiry != null && !now.isBefore(expiry);
        }
    }

    private final ConcurrentHashMap<String, Var> vars = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int max;

    ModuleVariables(Clock clock) {
        this(clock, MAX);
    }

    ModuleVariables(Clock clock, int max) {
        this.clock = clock;
        this.max = max;
    }

    /** NXLog's create_var: a variable that already exists is left as it is. */
    void create(String fn, String name, Instant expiry) {
        Instant now = clock.instant();
        Var old = vars.get(name);
        if (old != null && !old.expired(now)) {
            return;
        }
        ensureRoom(fn, now);
        vars.compute(name, (k, v) -> v != null && !v.expired(now) ? v : new Var(null, expiry));
    }

    /** NXLog's set_var: creates the variable (never expiring) when it does not exist, else keeps its expiry. */
    void set(String fn, String name, Object value) {
        Instant now = clock.instant();
        if (!vars.containsKey(name)) {
            ensureRoom(fn, now);
        }
        vars.compute(name, (k, v) -> new Var(value, v == null || v.expired(now) ? null : v.expiry));
    }

    Object get(String name) {
        Var v = vars.get(name);
        if (v == null) {
            return null;
        }
        if (v.expired(clock.instant())) {
            vars.remove(name, v);
            return null;
        }
        return v.value;
    }

    void delete(String name) {
        vars.remove(name);
    }

    int size() {
        return vars.size();
    }

    private void ensureRoom(String fn, Instant now) {
        if (vars.size() < max) {
            return;
        }
        vars.values().removeIf(v -> v.expired(now));
        if (vars.size() >= max) {
            throw new ExecError(fn + "(): too many module variables (" + max + "); a variable name built from"
                    + " event data? delete_var() the ones no longer needed or give them a lifetime");
        }
    }
}
