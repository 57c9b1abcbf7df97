package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.List;

/** {@code xm_gelf}: GELF for Graylog, as OutputType GELF_TCP, GELF_UDP, GELF and InputType GELF. */
public final class GelfProvider implements ModuleProvider {
    static final Directive<Boolean> INCLUDE_HIDDEN_FIELDS = Directive.bool("IncludeHiddenFields").withDefault(true)
            .withDoc("TRUE: fields whose names start with a dot or an underscore are written too, $_x as the "
                    + "additional field __x. FALSE: they are left out. $raw_event is never written.");
    static final Directive<Long> SHORT_MESSAGE_LENGTH = Directive.integer("ShortMessageLength").withDefault(64L)
            .withCheck(n -> {
                if (n < 1 || n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("must be a positive number of characters");
                }
            })
            .withDoc("How many characters of $Message (else $raw_event) go into short_message; a $ShortMessage "
                    + "field is written whole instead. The whole text goes into full_message.");
    static final Directive<Boolean> USE_NULL_DELIMITER = Directive.bool("UseNullDelimiter").withDefault(true)
            .withDoc("TRUE: GELF_TCP ends each message with a NUL byte, as Graylog's GELF TCP input expects. "
                    + "FALSE: with a line feed. InputType GELF over a stream splits at the same byte.");

    @Override
    public String name() {
        return "xm_gelf";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "GELF for Graylog: OutputType GELF_TCP (NUL-delimited JSON), GELF_UDP and GELF (zlib, chunked "
                + "over the datagram size), InputType GELF (plain, gzip, zlib, chunked; NUL-delimited over TCP).";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(INCLUDE_HIDDEN_FIELDS, SHORT_MESSAGE_LENGTH, USE_NULL_DELIMITER);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new XmGelf(config.instanceName(), new GelfSettings(config.get(SHORT_MESSAGE_LENGTH).intValue(),
                config.get(INCLUDE_HIDDEN_FIELDS), config.get(USE_NULL_DELIMITER)));
    }
}
