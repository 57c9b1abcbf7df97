package io.logship.lang.formattest;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleProvider;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Builds an extension instance from directives as a config file would give them (parsed by the provider's own
 * {@link Directive} declarations; nxlog-lang cannot use the host's ModuleConfigs, which depends on it), and
 * calls its functions in a context with a fixed time zone.
 */
public final class Configs {
    private Configs() {
    }

    /** The instance {@code provider} makes of {@code name value} pairs. */
    public static Module create(ModuleProvider provider, String... nameValues) throws ConfigException {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            raw.computeIfAbsent(nameValues[i].toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                    .add(nameValues[i + 1]);
        }
        for (String name : raw.keySet()) {
            if (provider.directives().stream().noneMatch(d -> d.matches(name))) {
                throw new IllegalArgumentException(provider.name() + " has no directive " + name);
            }
        }
        return provider.create(new MapConfig("test", raw));
    }

    /** The function or procedure {@code name} of a library. */
    public static ExecFunction function(ExecLibrary lib, String name, boolean procedure) {
        return lib.execFunctions().stream().filter(f -> f.name().equals(name) && f.procedure() == procedure)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + (procedure ? " procedure" : "")));
    }

    /** A context whose environment shows local time in {@code zone}; run-time errors are rethrown. */
    public static ExecContext context(ZoneId zone) {
        ExecEnvironment env = new ExecEnvironment("test", "test", LoggerFactory.getLogger("test"), Clock.systemUTC(),
                zone, "testhost", null, (where, error) -> {
                    throw error;
                });
        return new ExecContext(env);
    }

    private record MapConfig(String instanceName, Map<String, List<String>> raw) implements ModuleConfig {
        @Override
        public <T> T get(Directive<T> d) {
            return getIfSet(d).orElse(d.defaultValue().orElse(null));
        }

        @Override
        public <T> Optional<T> getIfSet(Directive<T> d) {
            List<String> v = raw.get(d.name().toLowerCase(java.util.Locale.ROOT));
            return v == null ? Optional.empty() : Optional.of(d.parse(v.get(v.size() - 1)));
        }

        @Override
        public <T> List<T> getAll(Directive<T> d) {
            List<String> v = raw.get(d.name().toLowerCase(java.util.Locale.ROOT));
            if (v == null) {
                return d.defaultValue().map(List::of).orElse(List.of());
            }
            return v.stream().map(d::parse).toList();
        }

        @Override
        public boolean isSet(Directive<?> d) {
            return raw.containsKey(d.name().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String location(Directive<?> d) {
            return "test.conf:1";
        }

        @Override
        public Path cacheDir() {
            return Path.of("target");
        }

        @Override
        public Path spoolDir() {
            return Path.of("target");
        }
    }
}
