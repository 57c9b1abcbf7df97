package io.logship.lang.json;

import static io.logship.lang.json.JsonTokens.describe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.lang.ExecError;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parse_json()}: one JSON object's members become fields, typed: integer (beyond 64 bits: the number's
 * text, as NXLog keeps it), float, boolean, string (a datetime with {@code ParseDate}), null removes the field
 * (undef). A nested object becomes one string field holding its compact JSON, or with {@code Flatten} one field
 * per member named with dots ({@code event.time}); an array is always a string field holding its JSON. A member
 * named {@code raw_event} is skipped (NXLog does not let parse_json replace the text it parses). The fields are
 * set only when the whole text is valid: malformed JSON changes nothing and is an {@link ExecError}.
 */
final class JsonReader {
    private final JsonFactory factory;
    private final boolean flatten;
    private final boolean parseDate;

    JsonReader(JsonFactory factory, boolean flatten, boolean parseDate) {
        this.factory = factory;
        this.flatten = flatten;
        this.parseDate = parseDate;
    }

    void parseInto(String text, Event event, ZoneId zone) {
        List<Object> pairs = new ArrayList<>(16); // name, value, name, value, ... (null value: unset)
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new ExecError("parse_json(): expected a JSON object, found " + describe(t));
            }
            readObject(p, "", pairs, zone);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new ExecError("parse_json(): unexpected " + describe(after) + " after the JSON object at column "
                        + p.currentTokenLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new ExecError("parse_json(): invalid JSON at column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ExecError("parse_json(): cannot read the JSON: " + e.getMessage());
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            event.set((String) pairs.get(i), pairs.get(i + 1));
        }
    }

    private void readObject(JsonParser p, String prefix, List<Object> pairs, ZoneId zone) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = prefix.isEmpty() ? p.currentName() : prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT && flatten) {
                readObject(p, name + ".", pairs, zone);
                continue;
            }
            Object value = value(p, v, zone);
            if (name.equals(Fields.RAW_EVENT)) {
                continue;
            }
            pairs.add(name);
            pairs.add(value);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new ExecError("parse_json(): unexpected " + describe(t) + " in an object");
        }
    }

    private Object value(JsonParser p, JsonToken v, ZoneId zone) throws IOException {
        switch (v) {
            case VALUE_STRING: {
                String s = p.getText();
                if (parseDate && s.length() >= 19) {
                    Instant t = JsonDates.parse(s, zone);
                    if (t != null) {
                        return t;
                    }
                }
                return s;
            }
            case VALUE_NUMBER_INT:
                try {
                    return p.getLongValue();
                } catch (InputCoercionException e) {
                    return p.getText(); // beyond 64 bits: NXLog keeps the number's text
                }
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                return Double.isFinite(d) ? (Object) d : p.getText();
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                return JsonTokens.nestedText(factory, p);
            default:
                throw new ExecError("parse_json(): unexpected " + describe(v));
        }
    }
}
