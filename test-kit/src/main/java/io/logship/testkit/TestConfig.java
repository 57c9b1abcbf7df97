package io.logship.testkit;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ModuleConfig} for creating a module without the host's config parser: directives given as name/value
 * pairs, parsed by the provider's declarations (unknown names and bad values are an IllegalArgumentException, so a
 * test cannot pass on a typo), located at {@code test.conf:N} with N the pair's position (1-based), CacheDir and
 * SpoolDir one directory.
 */
public final class TestConfig implements ModuleConfig {
    private final String instanceName;
    private final Path dir;
    private final Map<String, List<Object>> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private TestConfig(String instanceName, Path dir) {
        this.instanceName = instanceName;
        this.dir = dir;
    }

    /** The config of instance {@code instanceName} of the provider's module, from {@code "Name", "value", ...}. */
    public static TestConfig of(ModuleProvider provider, String instanceName, Path dir, String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("directives come as name, value pairs");
        }
        TestConfig c = new TestConfig(instanceName, dir);
        for (int i = 0; i < nameValues.length; i += 2) {
            String name = nameValues[i];
            Directive<?> d = provider.directives().stream().filter(x -> x.matches(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(provider.name() + " has no directive " + name));
            c.values.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d.parse(nameValues[i + 1]));
            c.lines.putIfAbsent(d.name(), i / 2 + 1);
        }
        return c;
    }

    /** Creates the provider's module from the pairs, as the host would. */
    public static Module create(ModuleProvider provider, String instanceName, Path dir, String... nameValues)
            throws ConfigException {
        return provider.create(of(provider, instanceName, dir, nameValues));
    }

    @Override
    public String instanceName() {
        return instanceName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Directive<T> directive) {
        List<Object> v = values.get(directive.name());
        return v == null ? directive.defaultValue().orElse(null) : (T) v.get(v.size() - 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getIfSet(Directive<T> directive) {
        List<Object> v = values.get(directive.name());
        return v == null ? Optional.empty() : Optional.of((T) v.get(v.size() - 1));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> getAll(Directive<T> directive) {
        List<Object> v = values.get(directive.name());
        if (v == null) {
            return directive.defaultValue().map(List::of).orElse(List.of());
        }
        return (List<T>) List.copyOf(v);
    }

    @Override
    public boolean isSet(Directive<?> directive) {
        return values.containsKey(directive.name());
    }

    @Override
    public String location(Directive<?> directive) {
        return "test.conf:" + lines.getOrDefault(directive.name(), 0);
    }

    @Override
    public Path cacheDir() {
        return dir;
    }

    @Override
    public Path spoolDir() {
        return dir;
    }
}
