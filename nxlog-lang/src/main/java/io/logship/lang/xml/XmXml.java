package io.logship.lang.xml;

import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.api.Fields;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.util.List;

/** An xm_xml instance: its mapping and the functions that use it. Thread-safe. */
final class XmXml implements ExtensionModule, ExecLibrary {
    private final String instance;
    private final XmlCodec codec;

    XmXml(String instance, XmlCodec codec) {
        this.instance = instance;
        this.codec = codec;
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(
                ExecFunction.procedure("parse_xml", 0, 1,
                        "Sets fields from the XML in the argument, or in $raw_event without one.",
                        this::parseXml).withArgTypes(Types.STRING),
                ExecFunction.procedure("to_xml", 0, 0, "Sets $raw_event to the fields as XML.",
                        (ctx, args) -> {
                            Event e = ctx.requireEvent();
                            e.set(Fields.RAW_EVENT, codec.format(e, ctx.env().zone()));
                            return null;
                        }),
                ExecFunction.function("to_xml", 0, 0, Types.STRING, "The fields as XML.",
                        (ctx, args) -> codec.format(ctx.requireEvent(), ctx.env().zone())));
    }

    private Object parseXml(ExecContext ctx, Object[] args) {
        Event e = ctx.requireEvent();
        Object source = args.length > 0 ? args[0] : e.get(Fields.RAW_EVENT);
        if (!(source instanceof String s)) {
            throw new ExecError("parse_xml(): " + (args.length > 0 ? "the argument" : "raw_event") + " is "
                    + Types.typeName(source) + ", not string");
        }
        codec.parse(s, e);
        return null;
    }

    @Override
    public String toString() {
        return "xm_xml[" + instance + "]";
    }
}
