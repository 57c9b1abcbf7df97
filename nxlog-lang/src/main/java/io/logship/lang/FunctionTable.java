package io.logship.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions and procedures statements can call, by name: the core library, then those of every
 * {@code <Extension>} instance in the order the config defines them. {@code name()} finds the first that has
 * it (NXLog's rule); {@code instance->name()} only that instance's.
 */
public final class FunctionTable {
    private record Key(String name, boolean procedure) {
    }

    private final Map<Key, ExecFunction> unqualified;
    private final Map<String, Map<Key, ExecFunction>> byInstance;
    private final Map<String, String> moduleOfInstance;

    private FunctionTable(Map<Key, ExecFunction> unqualified, Map<String, Map<Key, ExecFunction>> byInstance,
                          Map<String, String> moduleOfInstance) {
        this.unqualified = unqualified;
        this.byInstance = byInstance;
        this.moduleOfInstance = moduleOfInstance;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The function or procedure called as {@code qualifier->name(...)} ({@code qualifier} null when unqualified),
     * or null (see {@link #whyNotFound}).
     */
    public ExecFunction find(String qualifier, String name, boolean procedure) {
        Key k = new Key(name, procedure);
        if (qualifier == null) {
            return unqualified.get(k);
        }
        Map<Key, ExecFunction> m = byInstance.get(qualifier);
        return m == null ? null : m.get(k);
    }

    /** The instance names with functions, in config order. */
    public List<String> instances() {
        return List.copyOf(byInstance.keySet());
    }

    /** The module of an extension instance, or null. */
    public String moduleOf(String instance) {
        return moduleOfInstance.get(instance);
    }

    /** Every unqualified function and procedure (for documentation and hints). */
    public List<ExecFunction> all() {
        return List.copyOf(unqualified.values());
    }

    /** Why {@link #find} found nothing, for a compile-time problem. */
    public String whyNotFound(String qualifier, String name, boolean procedure) {
        String what = procedure ? "procedure" : "function";
        String other = procedure ? "function" : "procedure";
        if (qualifier != null) {
            Map<Key, ExecFunction> m = byInstance.get(qualifier);
            if (m == null && !moduleOfInstance.containsKey(qualifier)) {
                return "unknown extension instance '" + qualifier + "' in " + qualifier + "->" + name + "()"
                        + (moduleOfInstance.isEmpty() ? "" : " (extension instances: "
                        + String.join(", ", moduleOfInstance.keySet()) + ")");
            }
            if (m != null && m.containsKey(new Key(name, !procedure))) {
                return qualifier + "->" + name + "() is a " + other + ", not a " + what;
            }
            return "extension instance " + qualifier + " (" + moduleOfInstance.get(qualifier) + ") has no " + what
                    + " " + name + "()";
        }
        if (unqualified.containsKey(new Key(name, !procedure))) {
            return name + "() is a " + other + ", not a " + what
                    + (procedure ? " (use its value, e.g. $x = " + name + "(...);)" : "");
        }
        if (qualifier == null && name.equals("sleep")) {
            return "sleep() is not supported: it would stall the pipeline; use a <Schedule>";
        }
        String module = KnownModules.provider(name);
        if (module != null) {
            return "unknown " + what + " " + name + "(): it is provided by " + module + "; add <Extension "
                    + module.replace("xm_", "_") + "> Module " + module + " </Extension>";
        }
        return "unknown " + what + " " + name + "()";
    }

    public static final class Builder {
        private final Map<Key, ExecFunction> unqualified = new LinkedHashMap<>();
        private final Map<String, Map<Key, ExecFunction>> byInstance = new LinkedHashMap<>();
        private final Map<String, String> moduleOfInstance = new LinkedHashMap<>();

        /** The core library: unqualified only. */
        public Builder core(ExecLibrary library) {
            for (ExecFunction f : library.execFunctions()) {
                unqualified.putIfAbsent(new Key(f.name(), f.procedure()), f);
            }
            return this;
        }

        /** An extension instance's functions: callable unqualified (first instance wins) and as instance->f(). */
        public Builder extension(String instance, String module, ExecLibrary library) {
            moduleOfInstance.put(instance, module);
            Map<Key, ExecFunction> own = byInstance.computeIfAbsent(instance, i -> new LinkedHashMap<>());
            for (ExecFunction f : library.execFunctions()) {
                Key k = new Key(f.name(), f.procedure());
                own.put(k, f);
                unqualified.putIfAbsent(k, f);
            }
            return this;
        }

        /** An extension instance without functions (so instance->f() can say what it is). */
        public Builder extensionWithoutFunctions(String instance, String module) {
            moduleOfInstance.put(instance, module);
            return this;
        }

        public FunctionTable build() {
            Map<String, Map<Key, ExecFunction>> copy = new LinkedHashMap<>();
            byInstance.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new FunctionTable(new LinkedHashMap<>(unqualified), copy, new LinkedHashMap<>(moduleOfInstance));
        }
    }

    /** Which NXLog extension module provides a function, for the hint when none is configured. */
    static final class KnownModules {
        private static final Map<String, String> PROVIDERS = new LinkedHashMap<>();

        static {
            for (String f : List.of("parse_syslog", "parse_syslog_bsd", "parse_syslog_ietf", "to_syslog_bsd",
                    "to_syslog_ietf", "to_syslog_snare", "syslog_facility_value", "syslog_facility_string",
                    "syslog_severity_value", "syslog_severity_string")) {
                PROVIDERS.put(f, "xm_syslog");
            }
            for (String f : List.of("parse_json", "to_json")) {
                PROVIDERS.put(f, "xm_json");
            }
            for (String f : List.of("parse_kvp", "to_kvp", "reset_kvp")) {
                PROVIDERS.put(f, "xm_kvp");
            }
            for (String f : List.of("parse_csv", "to_csv")) {
                PROVIDERS.put(f, "xm_csv");
            }
            for (String f : List.of("parse_xml", "to_xml")) {
                PROVIDERS.put(f, "xm_xml");
            }
            for (String f : List.of("file_cycle", "file_rename", "file_remove", "file_exists", "file_copy",
                    "file_write", "file_truncate", "file_size", "file_mtime", "file_ctime", "file_type",
                    "file_basename", "file_dirname", "file_touch", "file_link", "file_chown", "file_chmod",
                    "file_hash", "file_inode", "file_read", "file_append", "dir_make", "dir_remove")) {
                PROVIDERS.put(f, "xm_fileop");
            }
            for (String f : List.of("exec", "exec_async")) {
                PROVIDERS.put(f, "xm_exec");
            }
            for (String f : List.of("convert", "convert_fields")) {
                PROVIDERS.put(f, "xm_charconv");
            }
            PROVIDERS.put("python_call", "xm_python");
            PROVIDERS.put("match_pattern", "xm_pattern");
        }

        static String provider(String function) {
            return PROVIDERS.get(function);
        }

        private KnownModules() {
        }
    }
}
