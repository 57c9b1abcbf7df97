package io.logship.api;

/** NXLog's core field names. */
public final class Fields {
    public static final String RAW_EVENT = "raw_event";
    public static final String EVENT_RECEIVED_TIME = "EventReceivedTime";
    public static final String SOURCE_MODULE_NAME = "SourceModuleName";
    public static final String SOURCE_MODULE_TYPE = "SourceModuleType";
    public static final String HOSTNAME = "Hostname";

    private Fields() {
    }
}
