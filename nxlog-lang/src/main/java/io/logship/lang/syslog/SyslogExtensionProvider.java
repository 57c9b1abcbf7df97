package io.logship.lang.syslog;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/**
 * {@code xm_syslog}: parse_syslog(), parse_syslog_bsd(), parse_syslog_ietf(), to_syslog_bsd(), to_syslog_ietf(),
 * to_syslog_snare() and the facility/severity conversions, with NXLog's directives. (NXLog's Syslog_TLS
 * InputType/OutputType, RFC 5425 octet framing, belong to the network inputs and outputs.)
 */
public final class SyslogExtensionProvider implements ModuleProvider {
    static final Directive<Boolean> UTC_TIMESTAMP = Directive.bool("UTCTimestamp").withDefault(false)
            .withDoc("TRUE: to_syslog_ietf() writes timestamps in UTC (`Z`). FALSE: local time with its offset "
                    + "(`+02:00`).");
    static final Directive<Boolean> IETF_TIMESTAMP_IN_GMT = Directive.bool("IETFTimestampInGMT")
            .withDefaultText("FALSE").withDoc("The older name of UTCTimestamp.");
    static final Directive<String> REPLACE_LINE_BREAKS = Directive.string("ReplaceLineBreaks")
            .withDefaultText("a space").withCheck(CharSpec::parse)
            .withDoc("The character line breaks in the message become in to_syslog_bsd(), to_syslog_ietf() and "
                    + "to_syslog_snare(). " + CharSpec.DOC);
    static final Directive<String> SNARE_DELIMITER = Directive.string("SnareDelimiter").withDefaultText("\\t")
            .withCheck(CharSpec::parse)
            .withDoc("The character between the fields to_syslog_snare() writes (newer Snare versions use `#`). "
                    + CharSpec.DOC);
    static final Directive<String> SNARE_REPLACEMENT = Directive.string("SnareReplacement")
            .withDefaultText("a space").withCheck(CharSpec::parse)
            .withDoc("The character that replaces the delimiter where it occurs in $Message in to_syslog_snare(). "
                    + CharSpec.DOC);

    @Override
    public String name() {
        return "xm_syslog";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "Parses RFC 3164 and RFC 5424 syslog into fields and writes BSD, IETF and Snare syslog lines.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(UTC_TIMESTAMP, IETF_TIMESTAMP_IN_GMT, REPLACE_LINE_BREAKS, SNARE_DELIMITER, SNARE_REPLACEMENT);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        boolean utc = config.get(UTC_TIMESTAMP);
        if (config.isSet(IETF_TIMESTAMP_IN_GMT)) {
            boolean gmt = config.get(IETF_TIMESTAMP_IN_GMT);
            if (config.isSet(UTC_TIMESTAMP) && gmt != utc) {
                throw config.problem(IETF_TIMESTAMP_IN_GMT, "contradicts UTCTimestamp at "
                        + config.location(UTC_TIMESTAMP) + " (it is the older name of the same setting)");
            }
            utc = gmt;
        }
        char lineBreak = character(config, REPLACE_LINE_BREAKS, ' ');
        char delimiter = character(config, SNARE_DELIMITER, '\t');
        char replacement = character(config, SNARE_REPLACEMENT, ' ');
        if (replacement == delimiter) {
            throw config.problem(SNARE_REPLACEMENT, "is the same character as SnareDelimiter; a delimiter in "
                    + "$Message would not be replaced");
        }
        return new SyslogExtension(new SyslogWriter.Options(utc, lineBreak, delimiter, replacement));
    }

    private static char character(ModuleConfig config, Directive<String> d, char dflt) throws ConfigException {
        String v = config.get(d);
        if (v == null) {
            return dflt;
        }
        try {
            return CharSpec.parse(v);
        } catch (IllegalArgumentException e) {
            throw config.problem(d, e.getMessage());
        }
    }
}
