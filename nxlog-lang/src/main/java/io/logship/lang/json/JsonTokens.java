package io.logship.lang.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Reading JSON objects into events, the parts {@code parse_json()} and the S3 modules' event JSON share: how a
 * token is named in an error, and a nested object or array kept as its JSON text.
 */
public final class JsonTokens {
    private JsonTokens() {
    }

    /** A token as an error message names it ("an array", "a string", "'}'", "end of input" for null). */
    public static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case END_ARRAY, END_OBJECT -> "'" + t.asString() + "'";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    /** The object or array the parser is at the start of, as compact JSON text; the parser is left at its end. */
    public static String nestedText(JsonFactory factory, JsonParser p) throws IOException {
        StringWriter w = new StringWriter(64);
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        return w.toString();
    }
}
