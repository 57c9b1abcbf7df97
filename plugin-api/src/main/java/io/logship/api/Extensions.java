package io.logship.api;

import java.util.Map;

/**
 * How a {@link ModuleContext} finds an {@code <Extension>} instance by name, shared by the host's and the test
 * kit's contexts so both say the same: the exact name first, then one that differs only in case (instance names
 * are matched as routes match them).
 */
public final class Extensions {
    /** An extension instance: its module name ({@code xm_multiline}) and the started module. */
    public record Instance(String moduleName, Object module) {
    }

    private Extensions() {
    }

    /**
     * @param instances the extension instances by name, in config order
     * @throws ConfigException naming the instance and, when it exists, what it is not
     */
    public static <T> T find(Map<String, Instance> instances, String name, Class<T> type) throws ConfigException {
        Instance found = instances.get(name);
        if (found == null) {
            for (Map.Entry<String, Instance> e : instances.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    found = e.getValue();
                    break;
                }
            }
        }
        if (found == null) {
            throw new ConfigException("there is no <Extension " + name + "> in the config"
                    + (instances.isEmpty() ? "" : " (extension instances: " + String.join(", ", instances.keySet())
                    + ")"));
        }
        if (!type.isInstance(found.module())) {
            throw new ConfigException("extension instance " + name + " (" + found.moduleName() + ") is not "
                    + article(type.getSimpleName()) + " " + type.getSimpleName());
        }
        return type.cast(found.module());
    }

    private static String article(String word) {
        return !word.isEmpty() && "AEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
