package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.ModuleContext;
import java.util.Locale;
import java.util.Set;

/**
 * How the network modules find xm_gelf's types. An {@code OutputType}/{@code InputType} naming an xm_gelf
 * instance ({@code OutputType gelf} with {@code <Extension gelf>}) gets that instance, with its directives;
 * NXLog's names GELF, GELF_TCP and GELF_UDP (which the host leaves to the modules) get a writer or reader with
 * xm_gelf's defaults, since an extension can only be found by its instance name.
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
        if (isGelfName(typeName)) {
            return defaults(context).outputType(typeName.strip());
        }
        return context.extension(typeName, DatagramOutputType.class);
    }

    /** The datagram reader for an input's {@code InputType} (GELF, GELF_UDP, GELF_TCP or an instance's name). */
    static DatagramInputType datagramInput(String typeName, ModuleContext context) throws ConfigException {
        return isGelfName(typeName) ? defaults(context) : context.extension(typeName, DatagramInputType.class);
    }

    /** The stream reader for an input's {@code InputType} (GELF, GELF_TCP, GELF_UDP or an instance's name). */
    static DelimitedInputType delimitedInput(String typeName, ModuleContext context) throws ConfigException {
        return isGelfName(typeName) ? defaults(context) : context.extension(typeName, DelimitedInputType.class);
    }

    private static XmGelf defaults(ModuleContext context) {
        XmGelf g = new XmGelf(context.instanceName(), GelfSettings.DEFAULTS);
        g.start(context);
        return g;
    }
}
