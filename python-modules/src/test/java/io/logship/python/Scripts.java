package io.logship.python;

import io.logship.api.ConfigException;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real scripts in conf/python at the repository root, and configs built as the host builds them. */
final class Scripts {
    static final Path DIR = findDir();

    private Scripts() {
    }

    static Path script(String name) {
        return DIR.resolve(name);
    }

    static ModuleConfig config(ModuleProvider provider, String instance, Path dir, String... pairs)
            throws ConfigException {
        return ModuleConfigs.of(provider, instance, DIR, dir, dir, pairs);
    }

    private static Path findDir() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            Path c = p.resolve("conf/python");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("conf/python not found above " + System.getProperty("user.dir"));
    }
}
