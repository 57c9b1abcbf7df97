package io.logship.lang.csv;

import io.logship.api.ExtensionModule;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.TextFormatFunctions;
import java.util.List;

/** An xm_csv instance: its format and the functions that use it. Thread-safe. */
final class XmCsv implements ExtensionModule, ExecLibrary {
    private final String instance;
    private final CsvCodec codec;

    XmCsv(String instance, CsvCodec codec) {
        this.instance = instance;
        this.codec = codec;
    }

    @Override
    public List<ExecFunction> execFunctions() {
        return TextFormatFunctions.of("csv",
                "Sets the Fields from the CSV line in the argument, or in $raw_event without one.",
                "Sets $raw_event to the Fields as one CSV line.",
                "The Fields as one CSV line.",
                codec::parse, codec::format);
    }

    @Override
    public String toString() {
        return "xm_csv[" + instance + "]";
    }
}
