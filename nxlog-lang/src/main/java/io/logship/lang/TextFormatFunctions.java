package io.logship.lang;

import io.logship.api.Event;
import io.logship.api.Fields;
import java.time.ZoneId;
import java.util.List;

/**
 * The three functions of an extension that reads and writes one text format (xm_csv, xm_kvp, xm_xml):
 * {@code parse_<format>([text])} sets fields from the text (its argument, or {@code $raw_event} without one),
 * the procedure {@code to_<format>()} sets {@code $raw_event} to the event's fields in the format, and the
 * function {@code to_<format>()} returns that text.
 */
public final class TextFormatFunctions {
    private TextFormatFunctions() {
    }

    /** Sets the event's fields from one text; local times are in {@code zone}. */
    @FunctionalInterface
    public interface Parser {
        void parse(String text, Event event, ZoneId zone);
    }

    /** The event's fields as one text; local times are in {@code zone}. */
    @FunctionalInterface
    public interface Formatter {
        String format(Event event, ZoneId zone);
    }

    /**
     * The functions for {@code format} ("csv": {@code parse_csv}, {@code to_csv}), each with its doc.
     */
    public static List<ExecFunction> of(String format, String parseDoc, String toProcedureDoc,
                                        String toFunctionDoc, Parser parser, Formatter formatter) {
        String parseName = "parse_" + format;
        String toName = "to_" + format;
        return List.of(
                ExecFunction.procedure(parseName, 0, 1, parseDoc, (ctx, args) -> {
                    Event e = ctx.requireEvent();
                    parser.parse(text(parseName, e, args), e, ctx.env().zone());
                    return null;
                }).withArgTypes(Types.STRING),
                ExecFunction.procedure(toName, 0, 0, toProcedureDoc, (ctx, args) -> {
                    Event e = ctx.requireEvent();
                    e.set(Fields.RAW_EVENT, formatter.format(e, ctx.env().zone()));
                    return null;
                }),
                ExecFunction.function(toName, 0, 0, Types.STRING, toFunctionDoc,
                        (ctx, args) -> formatter.format(ctx.requireEvent(), ctx.env().zone())));
    }

    /** The text a parse function reads: its argument, or $raw_event without one; an ExecError when no string. */
    private static String text(String function, Event e, Object[] args) {
        Object source = args.length > 0 ? args[0] : e.get(Fields.RAW_EVENT);
        if (!(source instanceof String s)) {
            throw new ExecError(function + "(): " + (args.length > 0 ? "the argument" : "raw_event") + " is "
                    + Types.typeName(source) + ", not string");
        }
        return s;
    }
}
