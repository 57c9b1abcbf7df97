package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.InputType;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import java.util.function.Function;

/** Makes each connection's decoder from the InputType setting (extensions resolved once, at start). */
final class TcpInputFraming {
    private TcpInputFraming() {
    }

    static Function<String, TcpInputDecoder> of(TcpInputSettings s, ModuleContext ctx, TcpInputStats stats)
            throws LogshipException {
        int max = s.bufferSize();
        FramingBudget budget = FramingBudget.forRecords(max); // shared by the connections, selector thread only
        switch (s.inputType()) {
            case TcpInputDirectives.LINE_BASED:
                return peer -> new LineFramingDecoder(new FramingText(max, peer, stats, budget));
            case TcpInputDirectives.SYSLOG_TLS:
                return peer -> new SyslogFramingDecoder(new FramingText(max, peer, stats, budget));
            default:
                break;
        }
        String name = s.inputType();
        InputType type;
        try {
            type = ctx.extension(name, InputType.class);
        } catch (ConfigException notLines) {
            DelimitedInputType delimited;
            try {
                delimited = ctx.extension(name, DelimitedInputType.class);
            } catch (ConfigException e) {
                if (GelfTypes.isGelfName(name)) {
                    // NXLog's InputType GELF without an instance of that name: xm_gelf's reader, its defaults
                    DelimitedInputType gelf = GelfTypes.delimitedInput(name, ctx);
                    return peer -> new DelimitedFramingDecoder(gelf, max, peer, stats, budget);
                }
                throw new ConfigException(s.inputTypeLocation() + ": " + s.instance() + ": InputType: "
                        + notLines.getMessage() + " (nor a DelimitedInputType)");
            }
            return peer -> new DelimitedFramingDecoder(delimited, max, peer, stats, budget);
        }
        return peer -> new SplitterFramingDecoder(new FramingText(max, peer, stats, budget), type.open(peer));
    }
}
