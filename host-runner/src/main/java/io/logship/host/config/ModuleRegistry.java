package io.logship.host.config;

import io.logship.api.ConfigException;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The module providers the host knows, by name and alias (case-insensitive). Providers are found with
 * {@link ServiceLoader} ({@code META-INF/services/io.logship.api.ModuleProvider}); two providers claiming
 * the same name or alias are an error.
 */
public final class ModuleRegistry {
    private final Map<String, ModuleProvider> byName;
    private final List<ModuleProvider> providers;

    /**
     * @throws ConfigException when two providers claim the same name or alias (every clash is listed)
     */
    public ModuleRegistry(Collection<? extends ModuleProvider> providers) throws ConfigException {
        Map<String, ModuleProvider> map = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ModuleProvider p : providers) {
            List<String> names = new ArrayList<>();
            names.add(p.name());
            names.addAll(p.aliases());
            for (String n : names) {
                String key = n.toLowerCase(Locale.ROOT);
                ModuleProvider prev = map.putIfAbsent(key, p);
                if (prev != null && prev != p) {
                    problems.add("module name '" + n + "' is claimed by both " + describe(prev) + " and "
                            + describe(p) + ": remove one of the jars from the class path");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        this.byName = map;
        List<ModuleProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
        this.providers = List.copyOf(sorted);
    }

    /** Every provider on the class path of the given loader. */
    public static ModuleRegistry load(ClassLoader loader) throws ConfigException {
        List<ModuleProvider> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        var it = ServiceLoader.load(ModuleProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                problems.add("cannot load a module provider: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ModuleRegistry(found);
    }

    /** Every provider on the class path (thread context class loader). */
    public static ModuleRegistry load() throws ConfigException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : ModuleRegistry.class.getClassLoader());
    }

    /** The provider whose name or alias is {@code name}, ignoring case. */
    public Optional<ModuleProvider> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every provider, sorted by name. */
    public List<ModuleProvider> providers() {
        return providers;
    }

    /** The names (not aliases) of every provider, sorted. */
    public List<String> names() {
        return providers.stream().map(ModuleProvider::name).toList();
    }

    private static String describe(ModuleProvider p) {
        String where = "";
        try {
            var src = p.getClass().getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) {
                where = " (" + src.getLocation().getPath() + ")";
            }
        } catch (SecurityException ignored) {
            // location unknown
        }
        return p.getClass().getName() + where;
    }

    @Override
    public String toString() {
        return "ModuleRegistry" + names();
    }
}
