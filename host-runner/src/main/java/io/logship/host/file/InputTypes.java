package io.logship.host.file;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The values of im_file's {@code InputType} and om_file's {@code OutputType}: NXLog's built-in names or the name
 * of an {@code <Extension>} instance (resolved at start, when the extensions exist).
 */
final class InputTypes {
    static final String LINE_BASED = "linebased";
    /** NXLog's instance names (letters, digits, '.', '_'), and '-' as NXLog's own examples use it. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    private InputTypes() {
    }

    static boolean isLineBased(String name) {
        return LINE_BASED.equalsIgnoreCase(name);
    }

    /**
     * The value when it is LineBased or could name an extension instance; "" for a built-in NXLog type logship
     * does not have; null for a value that cannot be a name.
     */
    static String extensionName(String value) {
        String v = value.strip();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "dgram", "binary":
                return "";
            default:
                return INSTANCE_NAME.matcher(v).matches() ? v : null;
        }
    }

    /** Why {@link #extensionName} refused the value. */
    static String whyNot(String value, String module) {
        String v = value.strip();
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "dgram" -> "Dgram is for datagram inputs and outputs (im_udp, om_udp), not " + module
                    + "; use LineBased or an extension instance";
            case "binary" -> "Binary (NXLog's own binary format) is not supported by logship; use LineBased or an "
                    + "extension instance";
            default -> "'" + v + "' is neither LineBased nor an extension instance name";
        };
    }
}
