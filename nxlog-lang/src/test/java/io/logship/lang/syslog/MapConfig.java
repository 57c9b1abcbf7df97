package io.logship.lang.syslog;

import io.logship.api.Directive;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ModuleConfig from name/value pairs parsed by the provider's own directives, as the host does (nxlog-lang
 * cannot use host-runner's ModuleConfigs: host-runner depends on nxlog-lang).
 */
final class MapConfig implements ModuleConfig {
    private final Map<Directive<?>, Object> values = new LinkedHashMap<>();

    MapConfig(ModuleProvider provider, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            String name = pairs[i];
            Directive<?> d = provider.directives().stream().filter(x -> x.matches(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown directive " + name));
            values.put(d, d.parse(pairs[i + 1]));
        }
    }

    @Override
    public String instanceName() {
        return "syslog";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Directive<T> directive) {
        Object v = values.get(directive);
        return v == null ? directive.defaultValue().orElse(null) : (T) v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getIfSet(Directive<T> directive) {
        return Optional.ofNullable((T) values.get(directive));
    }

    @Override
    public <T> List<T> getAll(Directive<T> directive) {
        T v = get(directive);
        return v == null ? List.of() : List.of(v);
    }

    @Override
    public boolean isSet(Directive<?> directive) {
        return values.containsKey(directive);
    }

    @Override
    public String location(Directive<?> directive) {
        return "test.conf:" + (isSet(directive) ? 3 : 1);
    }

    @Override
    public Path cacheDir() {
        return Path.of("/nonexistent");
    }

    @Override
    public Path spoolDir() {
        return Path.of("/nonexistent");
    }
}
