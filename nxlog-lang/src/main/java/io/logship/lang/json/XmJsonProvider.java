package io.logship.lang.json;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code xm_json}: {@code parse_json()} and {@code to_json()}, with NXLog's directives. */
public final class XmJsonProvider implements ModuleProvider {
    static final Directive<String> DATE_FORMAT = Directive.string("DateFormat")
            .withDefault(JsonDateFormat.DEFAULT_NAME)
            .withCheck(JsonDateFormat::of)
            .withDoc("How to_json() writes datetimes: one of NXLog's named formats (YYYY-MM-DD hh:mm:ss, "
                    + "YYYY-MM-DDThh:mm:ssTZ, YYYY-MM-DDThh:mm:ss.sTZ, YYYY-MM-DD hh:mm:ssTZ, "
                    + "YYYY-MM-DD hh:mm:ss.sTZ and the same four with UTC instead of TZ) or a strftime pattern. "
                    + "Local time; TZ is the offset (+01:00), UTC writes the time in UTC with Z, .s is microseconds.");
    static final Directive<Boolean> DETECT_NESTED_JSON = Directive.bool("DetectNestedJSON").withDefault(true)
            .withDoc("TRUE: to_json() writes a string field that holds a JSON object or array as that structure. "
                    + "FALSE: as a string ({\"key\":\"{\\\"subkey\\\":42}\"}).");
    static final Directive<Boolean> FLATTEN = Directive.bool("Flatten").withDefault(false)
            .withDoc("TRUE: parse_json() makes one field per member of a nested object, named with dots "
                    + "({\"event\":{\"time\":..}} gives $event.time). FALSE: the nested object is one field holding "
                    + "its JSON text. Arrays are always kept as their JSON text.");
    static final Directive<Boolean> FORCE_UTF8 = Directive.bool("ForceUTF8").withDefault(false)
            .withDoc("TRUE: to_json() output is well-formed UTF-8 whatever the fields hold (unpaired UTF-16 "
                    + "surrogates become U+FFFD). Field text is always Unicode here, so this only matters for those.");
    static final Directive<Boolean> INCLUDE_HIDDEN_FIELDS = Directive.bool("IncludeHiddenFields").withDefault(true)
            .withDoc("TRUE: to_json() includes fields whose names start with a dot or an underscore. FALSE: leaves "
                    + "them out. raw_event is never included.");
    static final Directive<Boolean> PARSE_DATE = Directive.bool("ParseDate").withDefault(true)
            .withDoc("TRUE: parse_json() turns a string that starts with a four-digit year and holds a whole "
                    + "timestamp (YYYY-MM-DD[T ]hh:mm:ss[.s][Z|+hh:mm]) into a datetime; without an offset it is "
                    + "local time. FALSE: strings stay strings.");
    static final Directive<Boolean> PRETTY_PRINT = Directive.bool("PrettyPrint").withDefault(false)
            .withDoc("TRUE: to_json() writes one member per line, indented by depth.");
    static final Directive<Boolean> UNFLATTEN = Directive.bool("UnFlatten").withDefault(false)
            .withDoc("TRUE: to_json() turns dotted field names back into nested objects ($event.time gives "
                    + "{\"event\":{\"time\":..}}), the inverse of Flatten.");

    @Override
    public String name() {
        return "xm_json";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "JSON: parse_json() makes typed fields of a JSON object, to_json() writes the fields as JSON.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(DATE_FORMAT, DETECT_NESTED_JSON, FLATTEN, FORCE_UTF8, INCLUDE_HIDDEN_FIELDS, PARSE_DATE,
                PRETTY_PRINT, UNFLATTEN);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        JsonDateFormat dates;
        try {
            dates = JsonDateFormat.of(config.get(DATE_FORMAT));
        } catch (IllegalArgumentException e) {
            throw config.problem(DATE_FORMAT, e.getMessage());
        }
        return new XmJson(config.instanceName(), dates, config.get(DETECT_NESTED_JSON), config.get(FLATTEN),
                config.get(FORCE_UTF8), config.get(INCLUDE_HIDDEN_FIELDS), config.get(PARSE_DATE),
                config.get(PRETTY_PRINT), config.get(UNFLATTEN));
    }
}
