package io.logship.lang.csv;

import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.api.Fields;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.util.List;

/** An xm_csv instance: its format and the functions that use it. Thread-safe. */
final class XmCsv implements ExtensionModule, ExecLibrary {
    private final String instance;
    private final CsvCodec codec;

    XmCsv(String instance, CsvCodec codec) {
        this.instance = instance;
        this.codec = codec;
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(
                ExecFunction.procedure("parse_csv", 0, 1,
                        "Sets the Fields from the CSV line in the argument, or in $raw_event without one.",
                        this::parseCsv).withArgTypes(Types.STRING),
                ExecFunction.procedure("to_csv", 0, 0, "Sets $raw_event to the Fields as one CSV line.",
                        (ctx, args) -> {
                            Event e = ctx.requireEvent();
                            e.set(Fields.RAW_EVENT, codec.format(e, ctx.env().zone()));
                            return null;
                        }),
                ExecFunction.function("to_csv", 0, 0, Types.STRING, "The Fields as one CSV line.",
                        (ctx, args) -> codec.format(ctx.requireEvent(), ctx.env().zone())));
    }

    private Object parseCsv(ExecContext ctx, Object[] args) {
        Event e = ctx.requireEvent();
        Object source = args.length > 0 ? args[0] : e.get(Fields.RAW_EVENT);
        if (!(source instanceof String s)) {
            throw new ExecError("parse_csv(): " + (args.length > 0 ? "the argument" : "raw_event") + " is "
                    + Types.typeName(source) + ", not string");
        }
        codec.parse(s, e, ctx.env().zone());
        return null;
    }

    @Override
    public String toString() {
        return "xm_csv[" + instance + "]";
    }
}
