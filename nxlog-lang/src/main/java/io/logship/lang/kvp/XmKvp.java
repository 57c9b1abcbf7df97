package io.logship.lang.kvp;

import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.api.Fields;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.util.List;

/** An xm_kvp instance: its format and the functions that use it. Thread-safe (detection is per line). */
final class XmKvp implements ExtensionModule, ExecLibrary {
    private final String instance;
    private final KvpCodec codec;

    XmKvp(String instance, KvpCodec codec) {
        this.instance = instance;
        this.codec = codec;
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(
                ExecFunction.procedure("parse_kvp", 0, 1,
                        "Sets a field per key-value pair of the argument, or of $raw_event without one.",
                        this::parseKvp).withArgTypes(Types.STRING),
                ExecFunction.procedure("to_kvp", 0, 0, "Sets $raw_event to the fields as key-value pairs.",
                        (ctx, args) -> {
                            Event e = ctx.requireEvent();
                            e.set(Fields.RAW_EVENT, codec.format(e, ctx.env().zone()));
                            return null;
                        }),
                ExecFunction.function("to_kvp", 0, 0, Types.STRING, "The fields as key-value pairs.",
                        (ctx, args) -> codec.format(ctx.requireEvent(), ctx.env().zone())));
    }

    private Object parseKvp(ExecContext ctx, Object[] args) {
        Event e = ctx.requireEvent();
        Object source = args.length > 0 ? args[0] : e.get(Fields.RAW_EVENT);
        if (!(source instanceof String s)) {
            throw new ExecError("parse_kvp(): " + (args.length > 0 ? "the argument" : "raw_event") + " is "
                    + Types.typeName(source) + ", not string");
        }
        codec.parse(s, e);
        return null;
    }

    @Override
    public String toString() {
        return "xm_kvp[" + instance + "]";
    }
}
