package io.logship.host.basic;

import io.logship.api.Directive;
import io.logship.api.ModuleKind;
import io.logship.host.config.ExecDirectives;
import io.logship.lang.ExecCompiler;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecProblem;
import io.logship.lang.ExecProgram;
import io.logship.lang.ExecSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code pm_transformer} (deprecated in NXLog, still common): {@code InputFormat} parses {@code $raw_event} and
 * {@code OutputFormat} formats it, each "the same as" the extension procedure the NXLog manual names
 * ({@code syslog_rfc3164} = {@code parse_syslog_bsd()}, {@code JSON} = {@code parse_json()} / {@code to_json()},
 * ...), called through the config's function table: the extension module providing it must be configured
 * (a clear problem says which). logship runs InputFormat, then OutputFormat, then the block's {@code Exec}
 * (the manual does not say where Exec runs; write the formatting procedure in Exec to run it last).
 * CSV needs NXLog's CSVInputFields family, which logship does not have: use xm_csv instead.
 */
public final class TransformerProvider extends SimpleProvider {
    static final Directive<String> INPUT_FORMAT = Directive.string("InputFormat")
            .withDoc("How $raw_event is parsed: syslog_rfc3164 (syslog_bsd), syslog_rfc5424 (syslog_ietf), JSON, "
                    + "XML; none when not set.");
    static final Directive<String> OUTPUT_FORMAT = Directive.string("OutputFormat")
            .withDoc("How $raw_event is rewritten: syslog_rfc3164 (syslog_bsd), syslog_rfc5424 (syslog_ietf), "
                    + "syslog_snare, JSON, XML; unchanged when not set.");

    private static final Map<String, String> PARSERS = Map.of("syslog_rfc3164", "parse_syslog_bsd",
            "syslog_bsd", "parse_syslog_bsd", "syslog_rfc5424", "parse_syslog_ietf", "syslog_ietf",
            "parse_syslog_ietf", "json", "parse_json", "xml", "parse_xml");
    private static final Map<String, String> FORMATTERS = Map.of("syslog_rfc3164", "to_syslog_bsd",
            "syslog_bsd", "to_syslog_bsd", "syslog_rfc5424", "to_syslog_ietf", "syslog_ietf", "to_syslog_ietf",
            "syslog_snare", "to_syslog_snare", "json", "to_json", "xml", "to_xml");

    public TransformerProvider() {
        super("pm_transformer", ModuleKind.PROCESSOR, "Parses $raw_event by InputFormat and rewrites it by "
                + "OutputFormat (NXLog's deprecated format converter).", List.of(INPUT_FORMAT, OUTPUT_FORMAT),
                c -> new Transformer());
    }

    /** Passes events on; the host runs the format conversion (and the block's Exec) in its place. */
    static final class Transformer extends NullModules.PassThrough implements ExecDirectives {
        @Override
        public ExecProgram compile(ExecCompiler compiler, Function<String, ExecSource> source,
                                   List<ExecProblem> problems) {
            ExecProgram in = step(compiler, source.apply(INPUT_FORMAT.name()), INPUT_FORMAT, PARSERS, problems);
            ExecProgram out = step(compiler, source.apply(OUTPUT_FORMAT.name()), OUTPUT_FORMAT, FORMATTERS,
                    problems);
            return in.then(out);
        }

        private static ExecProgram step(ExecCompiler compiler, ExecSource src, Directive<String> d,
                                        Map<String, String> procedures, List<ExecProblem> problems) {
            if (src == null) {
                return ExecProgram.EMPTY;
            }
            String format = src.text().strip();
            String procedure = procedures.get(format.toLowerCase(Locale.ROOT));
            if (procedure == null) {
                String why = format.equalsIgnoreCase("csv") ? "CSV needs NXLog's CSVInputFields/CSVOutputFields, "
                        + "which logship does not have: use an xm_csv extension and parse_csv()/to_csv() in Exec"
                        : "unknown format (known: " + String.join(", ", new java.util.TreeSet<>(procedures.keySet()))
                        + ")";
                problems.add(new ExecProblem(src.file(), src.line(), src.column(), d.name() + " " + format + ": "
                        + why));
                return ExecProgram.EMPTY;
            }
            ExecFunction f = compiler.functions().find(null, procedure, true);
            if (f == null) {
                problems.add(new ExecProblem(src.file(), src.line(), src.column(), d.name() + " " + format
                        + " is done by " + procedure + "(), and " + compiler.functions().whyNotFound(null, procedure,
                        true)));
                return ExecProgram.EMPTY;
            }
            ExecProgram p = compiler.compile(new ExecSource(procedure + "();", src.file(), src.line(), src.column()),
                    problems);
            return p == null ? ExecProgram.EMPTY : p;
        }
    }
}
