package io.logship.lang.xml;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code xm_xml}: {@code parse_xml()} and {@code to_xml()} with NXLog's directives. */
public final class XmXmlProvider implements ModuleProvider {
    static final Directive<Boolean> IGNORE_ROOT_TAG = Directive.bool("IgnoreRootTag").withDefault(true)
            .withDoc("TRUE: parse_xml() names fields without the root element ($timestamp). FALSE: with it, in dot "
                    + "notation ($Event.timestamp).");
    static final Directive<Boolean> PARSE_ATTRIBUTES = Directive.bool("ParseAttributes").withDefault(false)
            .withDoc("TRUE: parse_xml() also sets a field per attribute (<Msg time='..'> gives $Msg.time).");
    static final Directive<Boolean> INCLUDE_HIDDEN_FIELDS = Directive.bool("IncludeHiddenFields").withDefault(true)
            .withDoc("TRUE: to_xml() includes fields whose names start with a dot or an underscore.");
    static final Directive<String> ROOT_TAG = Directive.string("RootTag").withDefault("Event")
            .withCheck(t -> {
                if (!XmlCodec.elementName(t).equals(t)) {
                    throw new IllegalArgumentException("'" + t + "' is not an XML element name");
                }
            })
            .withDoc("The element to_xml() puts the fields in.");

    @Override
    public String name() {
        return "xm_xml";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "XML: parse_xml() sets fields from an XML element (no DTDs or entities), to_xml() writes them.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(IGNORE_ROOT_TAG, PARSE_ATTRIBUTES, INCLUDE_HIDDEN_FIELDS, ROOT_TAG);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new XmXml(config.instanceName(), new XmlCodec(config.get(IGNORE_ROOT_TAG),
                config.get(PARSE_ATTRIBUTES), config.get(INCLUDE_HIDDEN_FIELDS), config.get(ROOT_TAG)));
    }
}
