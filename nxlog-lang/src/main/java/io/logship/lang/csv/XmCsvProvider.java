package io.logship.lang.csv;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code xm_csv}: {@code parse_csv()} and {@code to_csv()} with NXLog's directives. */
public final class XmCsvProvider implements ModuleProvider {
    static final Directive<String> FIELDS = Directive.string("Fields").required()
            .withDoc("The columns' field names in order, comma-separated, with or without $ ($id, $name, $number).");
    static final Directive<String> FIELD_TYPES = Directive.string("FieldTypes")
            .withDoc("The columns' types in the order of Fields (string, integer, boolean, datetime, ip4addr, "
                    + "ip6addr, binary); as many as Fields. Without it every column is a string.");
    static final Directive<String> DELIMITER = Directive.string("Delimiter").withDefault(",")
            .withCheck(ConfigChar::parse)
            .withDoc("The column separator: one character, quoted or not (' ' for a space), or an escape such as \\t.");
    static final Directive<String> QUOTE_CHAR = Directive.string("QuoteChar").withDefault("\"")
            .withCheck(ConfigChar::parse)
            .withDoc("The character that quotes a column ('' for none).");
    static final Directive<String> ESCAPE_CHAR = Directive.string("EscapeChar").withDefault("\\")
            .withCheck(ConfigChar::parse)
            .withDoc("The character that makes the next one literal ('' for none).");
    static final Directive<Boolean> ESCAPE_CONTROL = Directive.bool("EscapeControl").withDefault(true)
            .withDoc("TRUE: newline, carriage return, tab and backspace are written as \\n \\r \\t \\b (with the "
                    + "escape character) and read back.");
    static final Directive<String> QUOTE_METHOD = Directive.choice("QuoteMethod", "All", "None", "String")
            .withDefault("string")
            .withDoc("Which columns to_csv() quotes: All, None, or String (string values only).");
    static final Directive<String> UNDEF_VALUE = Directive.string("UndefValue")
            .withDoc("A column equal to this text is undef when parsed (e.g. - in W3C logs); to_csv() writes it "
                    + "for undef fields. Without it an empty column sets nothing and undef is written empty.");
    static final Directive<Boolean> STRICT_MODE = Directive.bool("StrictMode").withDefault(false)
            .withDoc("TRUE: parse_csv() refuses a line whose column count differs from Fields. FALSE: the last "
                    + "column may be missing (undef).");

    @Override
    public String name() {
        return "xm_csv";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "CSV: parse_csv() sets typed fields from delimited columns, to_csv() writes fields as one line.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(FIELDS, FIELD_TYPES, DELIMITER, QUOTE_CHAR, ESCAPE_CHAR, ESCAPE_CONTROL, QUOTE_METHOD,
                UNDEF_VALUE, STRICT_MODE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<String> fields = fieldNames(config.get(FIELDS));
        if (fields.isEmpty()) {
            throw config.problem(FIELDS, "names no field");
        }
        List<FieldType> types = new ArrayList<>();
        if (config.isSet(FIELD_TYPES)) {
            String[] parts = config.get(FIELD_TYPES).split(",");
            if (parts.length != fields.size()) {
                throw config.problem(FIELD_TYPES, parts.length + " types for " + fields.size() + " fields ("
                        + String.join(", ", fields) + "); give one type per field");
            }
            for (String p : parts) {
                try {
                    types.add(FieldType.of(p));
                } catch (IllegalArgumentException e) {
                    throw config.problem(FIELD_TYPES, e.getMessage());
                }
            }
        } else {
            fields.forEach(f -> types.add(FieldType.STRING));
        }
        char delimiter = ConfigChar.delimiter(config.get(DELIMITER));
        CsvCodec codec = new CsvCodec(fields, types, delimiter, ConfigChar.parse(config.get(QUOTE_CHAR)),
                ConfigChar.parse(config.get(ESCAPE_CHAR)), config.get(ESCAPE_CONTROL),
                CsvCodec.QuoteMethod.valueOf(config.get(QUOTE_METHOD).toUpperCase(Locale.ROOT)),
                config.get(UNDEF_VALUE), config.get(STRICT_MODE));
        return new XmCsv(config.instanceName(), codec);
    }

    /** "$id, ${a b}, name" → [id, a b, name]. */
    static List<String> fieldNames(String value) {
        List<String> out = new ArrayList<>();
        for (String p : value.split(",")) {
            String n = p.strip();
            if (n.startsWith("${") && n.endsWith("}")) {
                n = n.substring(2, n.length() - 1);
            } else if (n.startsWith("$")) {
                n = n.substring(1);
            }
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }
}
