package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.ModuleContext;
import java.util.Locale;
import java.util.Set;

/**
 * How the network modules find xm_gelf's types. An {@code OutputType}/{@code InputType} naming an
 * {@code <Extension>} instance ({@code OutputType gelf} with {@code <Extension gelf>}) gets that instance, with its
 * directives, even when the name is also one of NXLog's GELF, GELF_TCP and GELF_UDP; those names without such an
 * instance get a writer or reader with xm_gelf's defaults.
 */
final class GelfTypes {
    private static final Set<String> NAMES = Set.of("gelf", "gelf_tcp", "gelf_udp");

    private GelfTypes() {
    }

    /** True for GELF, GELF_TCP and GELF_UDP, in any case. */
    static boolean isGelfName(String typeName) {
        return NAMES.contains(typeName.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The writer for an output's {@code OutputType}: one of NXLog's GELF names, or an xm_gelf instance's name.
     *
     * @throws ConfigException when the name is neither
     */
    static DatagramOutputType output(String typeName, ModuleContext context) throws ConfigException {
        try {
            return context.extension(typeName, DatagramOutputType.class);
        } catch (ConfigException e) {
            if (isGelfName(typeName)) {
                return defaults(context).outputType(typeName.strip());
            }
            throw e;
        }
    }

    /** The datagram reader for an input's {@code InputType} (GELF, GELF_UDP, GELF_TCP or an instance's name). */
    static DatagramInputType datagramInput(String typeName, ModuleContext context) throws ConfigException {
        try {
            return context.extension(typeName, DatagramInputType.class);
        } catch (ConfigException e) {
            if (isGelfName(typeName)) {
                return defaults(context);
            }
            throw e;
        }
    }

    /** The stream reader for an input's {@code InputType} (GELF, GELF_TCP, GELF_UDP or an instance's name). */
    static DelimitedInputType delimitedInput(String typeName, ModuleContext context) throws ConfigException {
        try {
            return context.extension(typeName, DelimitedInputType.class);
        } catch (ConfigException e) {
            if (isGelfName(typeName)) {
                return defaults(context);
            }
            throw e;
        }
    }

    private static XmGelf defaults(ModuleContext context) {
        XmGelf g = new XmGelf(context.instanceName(), GelfSettings.DEFAULTS);
        g.start(context);
        return g;
    }
}
