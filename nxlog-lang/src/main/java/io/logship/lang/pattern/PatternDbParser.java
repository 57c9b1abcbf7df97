package io.logship.lang.pattern;

import io.logship.api.Values;
import io.logship.lang.ExecSource;
import io.logship.lang.Regex;
import io.logship.lang.Types;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads NXLog's XML pattern database ({@code <patterndb>} of {@code <group>}s of {@code <pattern>}s) with the
 * JDK's StAX parser, DTDs and external entities off (a pattern file cannot make the agent read other files or the
 * network). Every problem names the file, line and column.
 */
final class PatternDbParser {
    private final Path file;
    private XMLStreamReader r;

    private PatternDbParser(Path file) {
        this.file = file;
    }

    /** @throws IllegalArgumentException naming file:line:column and what is wrong */
    static PatternDb parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new PatternDbParser(file).read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read pattern file " + file + ": " + e);
        }
    }

    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    private PatternDb read(InputStream in) {
        try {
            r = factory().createXMLStreamReader(in);
            nextElement();
            if (!r.getLocalName().equals("patterndb")) {
                throw problem("the root element is <" + r.getLocalName() + ">, not <patterndb>");
            }
            List<PatternDb.Group> groups = new ArrayList<>();
            while (nextChild()) {
                switch (r.getLocalName()) {
                    case "group" -> groups.add(group());
                    case "created", "version", "description" -> text();
                    default -> throw unexpected("patterndb");
                }
            }
            return new PatternDb(List.copyOf(groups));
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? file.toString()
                    : file + ":" + e.getLocation().getLineNumber() + ":" + e.getLocation().getColumnNumber();
            throw new IllegalArgumentException(where + ": not a valid pattern file: " + e.getMessage()
                    .replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", ""));
        }
    }

    private PatternDb.Group group() throws XMLStreamException {
        String name = null;
        long id = 0;
        List<PatternDb.MatchField> fields = new ArrayList<>();
        List<PatternDb.Rule> patterns = new ArrayList<>();
        while (nextChild()) {
            switch (r.getLocalName()) {
                case "name" -> name = text();
                case "id" -> id = integer(text(), "group id");
                case "description" -> text();
                case "matchfield" -> fields.add(matchField(false));
                case "pattern" -> patterns.add(pattern());
                default -> throw unexpected("group");
            }
        }
        return new PatternDb.Group(name == null ? "" : name, id, List.copyOf(fields), List.copyOf(patterns));
    }

    private PatternDb.Rule pattern() throws XMLStreamException {
        String where = here();
        Long id = null;
        String name = null;
        List<PatternDb.MatchField> fields = new ArrayList<>();
        List<PatternDb.SetField> sets = new ArrayList<>();
        List<ExecSource> execs = new ArrayList<>();
        while (nextChild()) {
            switch (r.getLocalName()) {
                case "id" -> id = integer(text(), "pattern id");
                case "name" -> name = text();
                case "description" -> text();
                case "matchfield" -> fields.add(matchField(true));
                case "set" -> {
                    while (nextChild()) {
                        if (!r.getLocalName().equals("field")) {
                            throw unexpected("set");
                        }
                        sets.add(setField());
                    }
                }
                case "exec" -> {
                    int line = r.getLocation().getLineNumber();
                    int col = r.getLocation().getColumnNumber();
                    execs.add(new ExecSource(r.getElementText(), file.toString(), line, col));
                }
                default -> throw unexpected("pattern");
            }
        }
        if (id == null) {
            throw new IllegalArgumentException(where + ": <pattern> has no <id>");
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException(where + ": <pattern> " + id + " has no <matchfield>");
        }
        return new PatternDb.Rule(id, name == null ? "" : name, List.copyOf(fields), List.copyOf(sets),
                List.copyOf(execs));
    }

    private PatternDb.MatchField matchField(boolean captures) throws XMLStreamException {
        String where = here();
        String name = null;
        String type = null;
        String value = null;
        List<PatternDb.Captured> captured = new ArrayList<>();
        while (nextChild()) {
            switch (r.getLocalName()) {
                case "name" -> name = text();
                case "type" -> type = text().toUpperCase(Locale.ROOT);
                case "value" -> value = text();
                case "capturedfield" -> {
                    String cn = null;
                    String ct = Types.STRING;
                    while (nextChild()) {
                        switch (r.getLocalName()) {
                            case "name" -> cn = text();
                            case "type" -> ct = valueType(text());
                            default -> throw unexpected("capturedfield");
                        }
                    }
                    if (cn == null) {
                        throw problem("<capturedfield> has no <name>");
                    }
                    captured.add(new PatternDb.Captured(cn, ct));
                }
                default -> throw unexpected("matchfield");
            }
        }
        if (name == null || value == null) {
            throw new IllegalArgumentException(where + ": <matchfield> needs a <name> and a <value>");
        }
        if ("EXACT".equals(type) || type == null) {
            if (!captured.isEmpty()) {
                throw new IllegalArgumentException(where + ": an exact <matchfield> captures no fields");
            }
            return new PatternDb.MatchField(name, value, null, List.of());
        }
        if (!"REGEXP".equals(type)) {
            throw new IllegalArgumentException(where + ": <matchfield> type '" + type + "' is neither exact nor "
                    + "regexp");
        }
        Regex regex;
        try {
            regex = new Regex("/" + value + "/", Pattern.compile(value));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": invalid regular expression " + value + ": "
                    + e.getDescription());
        }
        if (regex.groupCount() < captured.size()) {
            throw new IllegalArgumentException(where + ": " + captured.size() + " <capturedfield>s but the regular "
                    + "expression has " + regex.groupCount() + " group(s)");
        }
        return new PatternDb.MatchField(name, null, regex, captures ? List.copyOf(captured) : List.of());
    }

    private PatternDb.SetField setField() throws XMLStreamException {
        String where = here();
        String name = null;
        String value = null;
        String type = Types.STRING;
        while (nextChild()) {
            switch (r.getLocalName()) {
                case "name" -> name = text();
                case "value" -> value = text();
                case "type" -> type = valueType(text());
                default -> throw unexpected("field");
            }
        }
        if (name == null || value == null) {
            throw new IllegalArgumentException(where + ": <field> needs a <name> and a <value>");
        }
        try {
            return new PatternDb.SetField(name, convert(value, type));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": <field> " + name + ": '" + value + "' is not " + type);
        }
    }

    /** A captured or set value of its declared type. */
    static Object convert(String text, String type) {
        return switch (type) {
            case Types.INTEGER -> Values.parseInteger(text);
            case Types.BOOLEAN -> Values.parseBoolean(text);
            default -> text;
        };
    }

    private String valueType(String t) {
        String v = t.strip().toLowerCase(Locale.ROOT);
        if (!v.equals(Types.STRING) && !v.equals(Types.INTEGER) && !v.equals(Types.BOOLEAN)) {
            throw problem("field type '" + t.strip() + "' is not supported (string, integer, boolean)");
        }
        return v;
    }

    private long integer(String s, String what) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw problem(what + " '" + s.strip() + "' is not an integer");
        }
    }

    private void nextElement() throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
        throw problem("no <patterndb> element");
    }

    /** Moves to the next child element of the current one; false at the current element's end. */
    private boolean nextChild() throws XMLStreamException {
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (ev == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            if (ev == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace()) {
                throw problem("unexpected text '" + r.getText().strip() + "'");
            }
        }
        return false;
    }

    /** The text of the current element (which must have no children), trimmed for names. */
    private String text() throws XMLStreamException {
        String t = r.getElementText();
        return t.strip();
    }

    private String here() {
        return file + ":" + r.getLocation().getLineNumber() + ":" + r.getLocation().getColumnNumber();
    }

    private IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(here() + ": " + what);
    }

    private IllegalArgumentException unexpected(String parent) {
        return problem("unexpected <" + r.getLocalName() + "> in <" + parent + ">");
    }
}
