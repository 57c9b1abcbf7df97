package io.logship.lang.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.api.Fields;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.util.List;

/** An xm_json instance: its directives, and the functions that use them. Thread-safe. */
final class XmJson implements ExtensionModule, ExecLibrary {
    /** No limit on a string's length (a field may be large); nesting keeps jackson's default bound. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final String instance;
    private final JsonReader reader;
    private final JsonWriter writer;

    XmJson(String instance, JsonDateFormat dates, boolean detectNested, boolean flatten, boolean forceUtf8,
           boolean includeHidden, boolean parseDate, boolean pretty, boolean unflatten) {
        this.instance = instance;
        this.reader = new JsonReader(FACTORY, flatten, parseDate);
        this.writer = new JsonWriter(FACTORY, dates, includeHidden, detectNested, unflatten, pretty, forceUtf8);
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return List.of(
                ExecFunction.procedure("parse_json", 0, 1,
                        "Sets fields from the JSON object in the argument, or in $raw_event without one.",
                        this::parseJson).withArgTypes(Types.STRING),
                ExecFunction.procedure("to_json", 0, 0, "Sets $raw_event to the fields as JSON.", (ctx, args) -> {
                    Event e = ctx.requireEvent();
                    e.set(Fields.RAW_EVENT, writer.write(e, ctx.env().zone()));
                    return null;
                }),
                ExecFunction.function("to_json", 0, 0, Types.STRING, "The fields as JSON.",
                        (ctx, args) -> writer.write(ctx.requireEvent(), ctx.env().zone())));
    }

    private Object parseJson(ExecContext ctx, Object[] args) {
        Event e = ctx.requireEvent();
        Object source = args.length > 0 ? args[0] : e.get(Fields.RAW_EVENT);
        if (source == null) {
            throw new ExecError("parse_json(): " + (args.length > 0 ? "the argument is undef"
                    : "the event has no raw_event"));
        }
        if (!(source instanceof String s)) {
            throw new ExecError("parse_json(): " + (args.length > 0 ? "the argument" : "raw_event") + " is "
                    + Types.typeName(source) + ", not string");
        }
        reader.parseInto(s, e, ctx.env().zone());
        return null;
    }

    @Override
    public String toString() {
        return "xm_json[" + instance + "]";
    }
}
