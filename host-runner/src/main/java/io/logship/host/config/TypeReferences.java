package io.logship.host.config;

import io.logship.api.InputType;
import io.logship.api.Module;
import io.logship.api.ModuleKind;
import io.logship.api.OutputType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code InputType} and {@code OutputType} values that name an {@code <Extension>} instance, checked when the
 * configuration is loaded (so {@code --verify} reports them) rather than when the module starts: the instance
 * must exist and be of a module that provides that type (xm_multiline is an InputType).
 */
final class TypeReferences {
    /** NXLog's built-in type names: the modules that take them check them. */
    private static final Set<String> BUILT_IN = Set.of("linebased", "dgram", "binary", "syslog_tls",
            "syslog_rfc5425", "gelf", "gelf_tcp", "gelf_udp");

    private TypeReferences() {
    }

    /**
     * @param extensions the extension instances created, by block name (null module: it had problems)
     * @param incomplete true when an extension block could not be created (a name may refer to it)
     */
    static void check(ModuleBlock block, Map<String, Module> extensions, boolean incomplete, List<String> problems) {
        for (RawDirective raw : block.directives()) {
            boolean input = raw.name().equalsIgnoreCase("InputType") && block.kind() == ModuleKind.INPUT;
            boolean output = raw.name().equalsIgnoreCase("OutputType") && block.kind() == ModuleKind.OUTPUT;
            String name = raw.value().strip();
            if (!(input || output) || BUILT_IN.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String type = input ? "InputType" : "OutputType";
            Module ext = find(extensions, name);
            if (ext == null && !extensions.containsKey(name) && !incomplete) {
                problems.add(raw.location() + ": " + block.name() + ": " + type + " '" + name + "' is neither a "
                        + "built-in type nor an <Extension> of this configuration (extensions: "
                        + (extensions.isEmpty() ? "none" : String.join(", ", extensions.keySet())) + ")");
            } else if (ext != null && !(input ? ext instanceof InputType : ext instanceof OutputType)) {
                problems.add(raw.location() + ": " + block.name() + ": " + type + " '" + name + "' names an "
                        + "<Extension> whose module provides no " + type + " (xm_multiline is an InputType)");
            }
        }
    }

    /** The exact name first, then ignoring case (as a module's context finds extensions). */
    private static Module find(Map<String, Module> extensions, String name) {
        if (extensions.containsKey(name)) {
            return extensions.get(name);
        }
        for (Map.Entry<String, Module> e : extensions.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
