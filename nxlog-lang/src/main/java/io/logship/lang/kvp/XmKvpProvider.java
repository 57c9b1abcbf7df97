package io.logship.lang.kvp;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.lang.csv.ConfigChar;
import java.util.List;
import java.util.Locale;

/** {@code xm_kvp}: {@code parse_kvp()} and {@code to_kvp()} with NXLog's directives. */
public final class XmKvpProvider implements ModuleProvider {
    static final Directive<Boolean> DETECT_NUMERIC_VALUES = Directive.bool("DetectNumericValues").withDefault(true)
            .withDoc("TRUE: parse_kvp() makes an unquoted integer value an integer field (not floats).");
    static final Directive<String> ESCAPE_CHAR = Directive.string("EscapeChar").withDefault("\\")
            .withCheck(ConfigChar::parse).withDoc("The character that makes the next one literal ('' for none).");
    static final Directive<Boolean> ESCAPE_CONTROL = Directive.bool("EscapeControl").withDefault(true)
            .withDoc("TRUE: newline, carriage return, tab and backspace are written and read as \\n \\r \\t \\b.");
    static final Directive<String> KEY_QUOTE_CHAR = Directive.string("KeyQuoteChar").withCheck(ConfigChar::parse)
            .withDoc("The character that quotes keys; without it a leading \" or ' is taken as the quote.");
    static final Directive<String> VALUE_QUOTE_CHAR = Directive.string("ValueQuoteChar")
            .withCheck(ConfigChar::parse)
            .withDoc("The character that quotes values; without it a leading \" or ' is taken as the quote, and "
                    + "to_kvp() quotes with \".");
    static final Directive<String> KV_DELIMITER = Directive.string("KVDelimiter").withCheck(ConfigChar::parse)
            .withDoc("Between a key and its value; without it the first = or : of each line; to_kvp() writes =.");
    static final Directive<String> KVP_DELIMITER = Directive.string("KVPDelimiter").withCheck(ConfigChar::parse)
            .withDoc("Between pairs; without it the first , ; or space after a value; to_kvp() writes ;.");
    static final Directive<String> QUOTE_METHOD = Directive.choice("QuoteMethod", "All", "Auto", "None")
            .withDefault("auto")
            .withDoc("Which values to_kvp() quotes: All, Auto (those holding a space or the pair delimiter) or None.");

    @Override
    public String name() {
        return "xm_kvp";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "Key-value pairs: parse_kvp() sets a field per pair, to_kvp() writes the fields as pairs.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(DETECT_NUMERIC_VALUES, ESCAPE_CHAR, ESCAPE_CONTROL, KEY_QUOTE_CHAR, VALUE_QUOTE_CHAR,
                KV_DELIMITER, KVP_DELIMITER, QUOTE_METHOD);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        char kv = delimiterOf(config, KV_DELIMITER);
        char kvp = delimiterOf(config, KVP_DELIMITER);
        if (kv != 0 && kv == kvp) {
            throw config.problem(KVP_DELIMITER, "is the same character as KVDelimiter");
        }
        KvpCodec codec = new KvpCodec(kv, kvp, charOf(config, KEY_QUOTE_CHAR), charOf(config, VALUE_QUOTE_CHAR),
                ConfigChar.parse(config.get(ESCAPE_CHAR)), config.get(ESCAPE_CONTROL),
                config.get(DETECT_NUMERIC_VALUES),
                KvpCodec.QuoteMethod.valueOf(config.get(QUOTE_METHOD).toUpperCase(Locale.ROOT)));
        return new XmKvp(config.instanceName(), codec);
    }

    private static char delimiterOf(ModuleConfig config, Directive<String> d) {
        String v = config.get(d);
        return v == null ? 0 : ConfigChar.delimiter(v);
    }

    private static char charOf(ModuleConfig config, Directive<String> d) {
        String v = config.get(d);
        return v == null ? 0 : ConfigChar.parse(v);
    }
}
