package io.logship.lang.syslog;

import io.logship.api.Event;
import io.logship.api.ExtensionModule;
import io.logship.api.Fields;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An xm_syslog instance: the procedures and functions it adds to the language, closed over its directives. */
final class SyslogExtension implements ExtensionModule, ExecLibrary {
    private final SyslogWriter.Options options;
    /** Snare's event counter: to_syslog_snare() calls through this instance, from 1. */
    private final AtomicLong snareCounter = new AtomicLong();
    private final List<ExecFunction> functions;

    SyslogExtension(SyslogWriter.Options options) {
        this.options = options;
        this.functions = List.of(
                parser("parse_syslog", "Parses $raw_event (or the argument) as RFC 5424 syslog, or RFC 3164 when "
                        + "it is not; sets $Message, $Hostname, $EventTime, $SyslogSeverity, ...", Kind.AUTO),
                parser("parse_syslog_bsd", "Parses $raw_event (or the argument) as RFC 3164 (BSD) syslog.",
                        Kind.BSD),
                parser("parse_syslog_ietf", "Parses $raw_event (or the argument) as RFC 5424 (IETF) syslog, "
                        + "structured data included.", Kind.IETF),
                ExecFunction.procedure("to_syslog_bsd", 0, 0, "Sets $raw_event to an RFC 3164 line from the fields.",
                        (ctx, args) -> write(ctx, Kind.BSD)),
                ExecFunction.procedure("to_syslog_ietf", 0, 0, "Sets $raw_event to an RFC 5424 line from the "
                        + "fields, the other fields as structured data.", (ctx, args) -> write(ctx, Kind.IETF)),
                ExecFunction.procedure("to_syslog_snare", 0, 0, "Sets $raw_event to a Snare line from the fields.",
                        (ctx, args) -> write(ctx, Kind.SNARE)),
                ExecFunction.function("syslog_facility_value", 1, 1, Types.INTEGER,
                        "The code of a syslog facility name (\"local0\" is 16).", (ctx, args) -> facilityValue(args[0]))
                        .withArgTypes(Types.STRING),
                ExecFunction.function("syslog_facility_string", 1, 1, Types.STRING,
                        "The name of a syslog facility code (16 is LOCAL0).", (ctx, args) -> facilityName(args[0]))
                        .withArgTypes(Types.INTEGER),
                ExecFunction.function("syslog_severity_value", 1, 1, Types.INTEGER,
                        "The code of a syslog severity name (\"error\" is 3).", (ctx, args) -> severityValue(args[0]))
                        .withArgTypes(Types.STRING),
                ExecFunction.function("syslog_severity_string", 1, 1, Types.STRING,
                        "The name of a syslog severity code (3 is ERR).", (ctx, args) -> severityName(args[0]))
                        .withArgTypes(Types.INTEGER));
    }

    private enum Kind { AUTO, BSD, IETF, SNARE }

    @Override
    public List<ExecFunction> execFunctions() {
        return functions;
    }

    SyslogWriter.Options options() {
        return options;
    }

    private static ExecFunction parser(String name, String doc, Kind kind) {
        return ExecFunction.procedure(name, 0, 1, doc, (ctx, args) -> {
            Event e = ctx.requireEvent();
            String text = source(name, e, args);
            ExecEnvironment env = ctx.env();
            switch (kind) {
                case BSD -> SyslogParser.parseBsd(text, e, env.zone(), env.clock(), env.hostname());
                case IETF -> SyslogParser.parseIetf(text, e, env.zone(), env.clock(), env.hostname());
                default -> SyslogParser.parse(text, e, env.zone(), env.clock(), env.hostname());
            }
            return null;
        }).withArgTypes(Types.STRING);
    }

    private static String source(String function, Event e, Object[] args) {
        if (args.length > 0) {
            Object v = args[0];
            if (v instanceof String s) {
                return s;
            }
            throw new ExecError(function + "(): the text to parse is " + (v == null ? "undef"
                    : Types.typeName(v) + ", not a string"));
        }
        Object raw = e.get(Fields.RAW_EVENT);
        if (raw instanceof String s) {
            return s;
        }
        throw new ExecError(function + "(): " + (raw == null ? "the event has no $raw_event"
                : "$raw_event is " + Types.typeName(raw) + ", not a string"));
    }

    private Object write(ExecContext ctx, Kind kind) {
        Event e = ctx.requireEvent();
        ExecEnvironment env = ctx.env();
        String line = switch (kind) {
            case BSD -> SyslogWriter.bsd(e, env.zone(), env.clock(), env.hostname(), options);
            case IETF -> SyslogWriter.ietf(e, env.zone(), env.clock(), env.hostname(), options);
            case SNARE, AUTO -> SyslogWriter.snare(e, env.zone(), env.clock(), env.hostname(),
                    snareCounter.incrementAndGet(), options);
        };
        e.set(Fields.RAW_EVENT, line);
        return null;
    }

    private static Object facilityValue(Object arg) {
        if (arg == null) {
            return null;
        }
        String name = requireString("syslog_facility_value", arg);
        int v = SyslogCodes.facilityValue(name);
        if (v < 0) {
            throw new ExecError("syslog_facility_value(): unknown facility '" + name + "' (one of "
                    + SyslogCodes.facilityNames() + ")");
        }
        return (long) v;
    }

    private static Object severityValue(Object arg) {
        if (arg == null) {
            return null;
        }
        String name = requireString("syslog_severity_value", arg);
        int v = SyslogCodes.severityValue(name);
        if (v < 0) {
            throw new ExecError("syslog_severity_value(): unknown severity '" + name + "' (one of "
                    + SyslogCodes.severityNames() + ")");
        }
        return (long) v;
    }

    private static Object facilityName(Object arg) {
        if (arg == null) {
            return null;
        }
        long v = requireInteger("syslog_facility_string", arg);
        String name = SyslogCodes.facilityName(v);
        if (name == null) {
            throw new ExecError("syslog_facility_string(): " + v + " is not a syslog facility (0 to 23)");
        }
        return name;
    }

    private static Object severityName(Object arg) {
        if (arg == null) {
            return null;
        }
        long v = requireInteger("syslog_severity_string", arg);
        String name = SyslogCodes.severityName(v);
        if (name == null) {
            throw new ExecError("syslog_severity_string(): " + v + " is not a syslog severity (0 to 7)");
        }
        return name;
    }

    private static String requireString(String function, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new ExecError(function + "(): the argument is " + Types.typeName(v) + ", not a string");
    }

    private static long requireInteger(String function, Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw new ExecError(function + "(): the argument is " + Types.typeName(v) + ", not an integer");
    }
}
