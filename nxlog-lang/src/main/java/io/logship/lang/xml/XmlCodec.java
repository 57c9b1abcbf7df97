package io.logship.lang.xml;

import io.logship.api.Event;
import io.logship.api.Fields;
import io.logship.lang.ExecError;
import io.logship.lang.Types;
import io.logship.lang.json.JsonValues;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * xm_xml's mapping between one XML element and an event's fields, as NXLog has it. Reading: every element
 * under the root becomes a field named by its local name, nested ones joined with dots ({@code <Event><a><b>1}
 * gives {@code $a.b}, or {@code $Event.a.b} without {@code IgnoreRootTag}); its text (trimmed of whitespace
 * around child elements) is the string value; an empty element sets nothing; with {@code ParseAttributes} an
 * attribute becomes {@code $Element.attr}; a repeated element keeps the last value. The parser is the JDK's
 * StAX with DTDs and external entities off: a document with a DOCTYPE is refused (no XXE, no entity
 * expansion). Writing ({@code to_xml}): {@code <Event>} (RootTag) holding one element per field, raw_event and
 * (unless IncludeHiddenFields) names starting with . or _ left out; text escaped as NXLog does (&amp;quot;
 * &amp;apos; &amp;lt; &amp;gt; &amp;amp; and CR/LF as character references); characters XML 1.0 cannot hold
 * become U+FFFD; other values in NXLog's text form, binary as hex.
 */
final class XmlCodec {
    private final XMLInputFactory factory;
    private final boolean ignoreRootTag;
    private final boolean parseAttributes;
    private final boolean includeHidden;
    private final String rootTag;

    XmlCodec(boolean ignoreRootTag, boolean parseAttributes, boolean includeHidden, String rootTag) {
        this.ignoreRootTag = ignoreRootTag;
        this.parseAttributes = parseAttributes;
        this.includeHidden = includeHidden;
        this.rootTag = rootTag;
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        this.factory = f;
    }

    void parse(String xml, Event event) {
        List<String> pairs = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            synchronized (factory) { // a factory is not documented thread-safe; the parse itself runs unlocked
                r = factory.createXMLStreamReader(new StringReader(xml));
            }
            List<String> path = new ArrayList<>();
            List<StringBuilder> texts = new ArrayList<>();
            List<Boolean> hadChildren = new ArrayList<>();
            boolean sawRoot = false;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD:
                        throw new ExecError("parse_xml(): a DOCTYPE is not allowed (DTDs and entities are off)");
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw new ExecError("parse_xml(): entity &" + r.getLocalName() + "; is not allowed "
                                + "(only the five predefined ones and character references)");
                    case XMLStreamConstants.START_ELEMENT: {
                        if (path.isEmpty() && sawRoot) {
                            throw new ExecError("parse_xml(): more than one root element");
                        }
                        sawRoot = true;
                        if (!hadChildren.isEmpty()) {
                            hadChildren.set(hadChildren.size() - 1, true);
                        }
                        path.add(r.getLocalName());
                        texts.add(new StringBuilder());
                        hadChildren.add(false);
                        if (parseAttributes) {
                            String name = fieldName(path);
                            for (int a = 0; a < r.getAttributeCount(); a++) {
                                String attr = r.getAttributeLocalName(a);
                                pairs.add(name == null ? attr : name + "." + attr);
                                pairs.add(r.getAttributeValue(a));
                            }
                        }
                        break;
                    }
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        if (!texts.isEmpty()) {
                            texts.get(texts.size() - 1).append(r.getText());
                        }
                        break;
                    case XMLStreamConstants.END_ELEMENT: {
                        int top = path.size() - 1;
                        String text = texts.get(top).toString();
                        if (hadChildren.get(top)) {
                            text = text.strip();
                        }
                        String name = fieldName(path);
                        if (name != null && !text.isEmpty()) {
                            pairs.add(name);
                            pairs.add(text);
                        }
                        path.remove(top);
                        texts.remove(top);
                        hadChildren.remove(top);
                        break;
                    }
                    default:
                        break;
                }
            }
            if (!sawRoot) {
                throw new ExecError("parse_xml(): no XML element");
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber();
            String msg = e.getMessage();
            int cut = msg == null ? -1 : msg.indexOf("Message: ");
            throw new ExecError("parse_xml(): invalid XML" + where + ": "
                    + (cut >= 0 ? msg.substring(cut + 9) : msg));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            event.set(pairs.get(i), pairs.get(i + 1));
        }
    }

    /** The field an element path names, or null for the root when IgnoreRootTag. */
    private String fieldName(List<String> path) {
        int from = ignoreRootTag ? 1 : 0;
        if (path.size() <= from) {
            return null;
        }
        if (path.size() == from + 1) {
            return path.get(from);
        }
        return String.join(".", path.subList(from, path.size()));
    }

    String format(Event event, ZoneId zone) {
        StringBuilder out = new StringBuilder(256).append('<').append(rootTag).append('>');
        for (Map.Entry<String, Object> f : event.fields().entrySet()) {
            String name = f.getKey();
            if (name.equals(Fields.RAW_EVENT) || (!includeHidden && (name.startsWith(".") || name.startsWith("_")))) {
                continue;
            }
            String tag = elementName(name);
            Object v = f.getValue();
            String text = v instanceof String s ? s : v instanceof byte[] b ? JsonValues.hex(b) : Types.toText(v, zone);
            out.append('<').append(tag).append('>');
            escape(text, out);
            out.append("</").append(tag).append('>');
        }
        return out.append("</").append(rootTag).append('>').toString();
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> out.append("&#xD;");
                case '\n' -> out.append("&#xA;");
                default -> {
                    if ((c < 0x20 && c != '\t') || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** A field name as an XML element name: characters a name cannot hold become '_'. */
    static String elementName(String name) {
        StringBuilder b = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetter(c) || c == '_' || (i > 0 && (Character.isDigit(c) || c == '-' || c == '.'));
            if (!ok) {
                if (b == null) {
                    b = new StringBuilder(name.substring(0, i));
                }
                b.append('_');
            } else if (b != null) {
                b.append(c);
            }
        }
        String n = b == null ? name : b.toString();
        return n.isEmpty() ? "_" : n;
    }
}
