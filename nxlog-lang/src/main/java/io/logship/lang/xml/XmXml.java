package io.logship.lang.xml;

import io.logship.api.ExtensionModule;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.TextFormatFunctions;
import java.util.List;

/** An xm_xml instance: its mapping and the functions that use it. Thread-safe. */
final class XmXml implements ExtensionModule, ExecLibrary {
    private final String instance;
    private final XmlCodec codec;

    XmXml(String instance, XmlCodec codec) {
        this.instance = instance;
        this.codec = codec;
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return TextFormatFunctions.of("xml",
                "Sets fields from the XML in the argument, or in $raw_event without one.",
                "Sets $raw_event to the fields as XML.",
                "The fields as XML.",
                (s, e, zone) -> codec.parse(s, e), codec::format);
    }

    @Override
    public String toString() {
        return "xm_xml[" + instance + "]";
    }
}
