package io.logship.lang.kvp;

import io.logship.api.ExtensionModule;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.TextFormatFunctions;
import java.util.List;

/** An xm_kvp instance: its format and the functions that use it. Thread-safe (detection is per line). */
final class XmKvp implements ExtensionModule, ExecLibrary {
    private final String instance;
    private final KvpCodec codec;

    XmKvp(String instance, KvpCodec codec) {
        this.instance = instance;
        this.codec = codec;
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return TextFormatFunctions.of("kvp",
                "Sets a field per key-value pair of the argument, or of $raw_event without one.",
                "Sets $raw_event to the fields as key-value pairs.",
                "The fields as key-value pairs.",
                (s, e, zone) -> codec.parse(s, e), codec::format);
    }

    @Override
    public String toString() {
        return "xm_kvp[" + instance + "]";
    }
}
