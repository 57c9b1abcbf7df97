package io.logship.host.config;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates the directives written for one module instance against its provider's declarations and
 * builds the {@link ModuleConfig} the module is created from. The host uses this for config files;
 * tests use {@link #of} to build a config the same way.
 */
public final class ModuleConfigs {
    private ModuleConfigs() {
    }

    /**
     * @param blockLocation "file:line" of the block header, for directives that are missing
     * @param baseDir       directory relative paths are resolved against
     * @param problems      every problem found is appended here, each naming file:line and directive
     * @param unsupported   directive names the host knows but does not implement (reported as such)
     * @return the config, or null when there were problems
     */
    static ModuleConfig validate(ModuleProvider provider, String instanceName, List<RawDirective> written,
                                        String blockLocation, Path baseDir, Path cacheDir, Path spoolDir,
                                        List<String> problems, java.util.Set<String> unsupported) {
        int before = problems.size();
        Map<Directive<?>, List<Object>> values = new LinkedHashMap<>();
        Map<Directive<?>, String> locations = new LinkedHashMap<>();
        for (RawDirective raw : written) {
            Directive<?> d = find(provider, raw.name());
            if (d == null) {
                if (unsupported != null && unsupported.stream().anyMatch(u -> u.equalsIgnoreCase(raw.name()))) {
                    problems.add(raw.location() + ": " + instanceName + ": directive '" + raw.name()
                            + "' is not supported by logship yet");
                } else {
                    problems.add(raw.location() + ": " + instanceName + ": unknown directive '" + raw.name()
                            + "' for module " + provider.name() + suggestion(provider, raw.name()));
                }
                continue;
            }
            if (values.containsKey(d) && !d.isRepeatable()) {
                problems.add(raw.location() + ": " + instanceName + ": directive " + d.name()
                        + " given more than once (first at " + locations.get(d) + ")");
                continue;
            }
            Object v;
            try {
                v = d.parse(raw.value());
                if (v instanceof Path p && !p.isAbsolute() && baseDir != null) {
                    v = baseDir.resolve(p).normalize();
                }
            } catch (IllegalArgumentException e) {
                String shown = d.isSecret() ? "" : " '" + raw.value() + "'";
                problems.add(raw.location() + ": " + instanceName + ": invalid value" + shown + " for "
                        + d.name() + ": " + e.getMessage());
                continue;
            }
            values.computeIfAbsent(d, k -> new ArrayList<>()).add(v);
            locations.putIfAbsent(d, raw.location());
        }
        for (Directive<?> d : provider.directives()) {
            if (d.isRequired() && !values.containsKey(d)) {
                problems.add(blockLocation + ": " + instanceName + ": missing required directive " + d.name()
                        + " for module " + provider.name());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Parsed(instanceName, values, locations, blockLocation, cacheDir, spoolDir);
    }

    /**
     * Builds a config from name/value pairs (values as they would be written in a file), for tests and
     * programmatic use.
     *
     * @throws ConfigException listing every problem
     */
    public static ModuleConfig of(ModuleProvider provider, String instanceName, Path baseDir, Path cacheDir,
                                  Path spoolDir, String... nameValuePairs) throws ConfigException {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        List<RawDirective> raw = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            raw.add(new RawDirective(nameValuePairs[i], nameValuePairs[i + 1], "<test>", i / 2 + 1));
        }
        List<String> problems = new ArrayList<>();
        ModuleConfig c = validate(provider, instanceName, raw, "<test>:0", baseDir, cacheDir, spoolDir, problems,
                null);
        if (c == null) {
            throw new ConfigException(problems);
        }
        return c;
    }

    static Directive<?> find(ModuleProvider provider, String name) {
        for (Directive<?> d : provider.directives()) {
            if (d.matches(name)) {
                return d;
            }
        }
        return null;
    }

    private static String suggestion(ModuleProvider provider, String name) {
        String best = null;
        int bestDist = 3;
        for (Directive<?> d : provider.directives()) {
            int dist = distance(d.name().toLowerCase(), name.toLowerCase());
            if (dist < bestDist) {
                bestDist = dist;
                best = d.name();
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private record Parsed(String instanceName, Map<Directive<?>, List<Object>> values,
                          Map<Directive<?>, String> locations, String blockLocation, Path cacheDir,
                          Path spoolDir) implements ModuleConfig {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Directive<T> directive) {
            List<Object> v = values.get(directive);
            return v == null ? directive.defaultValue().orElse(null) : (T) v.get(0);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> getIfSet(Directive<T> directive) {
            List<Object> v = values.get(directive);
            return v == null ? Optional.empty() : Optional.of((T) v.get(0));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> getAll(Directive<T> directive) {
            List<Object> v = values.get(directive);
            if (v == null) {
                return directive.defaultValue().map(List::of).orElse(List.of());
            }
            return (List<T>) List.copyOf(v);
        }

        @Override
        public boolean isSet(Directive<?> directive) {
            return values.containsKey(directive);
        }

        @Override
        public String location(Directive<?> directive) {
            return locations.getOrDefault(directive, blockLocation);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("ModuleConfig[").append(instanceName);
            values.forEach((d, v) -> sb.append(", ").append(d.name()).append('=')
                    .append(d.isSecret() ? "****" : v.size() == 1 ? v.get(0) : v));
            return sb.append(']').toString();
        }
    }
}
