package io.logship.lang.charconv;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/** {@code xm_charconv}: {@code convert()} and {@code convert_fields()} on the JDK's charsets. */
public final class XmCharconvProvider implements ModuleProvider {
    static final Directive<String> AUTODETECT_CHARSETS = Directive.string("AutodetectCharsets")
            .withDefault("UTF-8")
            .withDoc("The character sets \"auto\" tries, comma-separated, in order, after a byte order mark "
                    + "(UTF-8, UTF-16, UTF-32). Put single-byte sets (iso-8859-2, windows-1252) last: they decode "
                    + "any bytes.");

    @Override
    public String name() {
        return "xm_charconv";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "Character sets: convert() and convert_fields() between encodings, with detection for \"auto\".";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(AUTODETECT_CHARSETS);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<Charset> list = new ArrayList<>();
        for (String name : config.get(AUTODETECT_CHARSETS).split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                list.add(Charsets.lookup(name.strip()));
            } catch (IllegalArgumentException e) {
                throw config.problem(AUTODETECT_CHARSETS, e.getMessage());
            }
        }
        if (list.isEmpty()) {
            throw config.problem(AUTODETECT_CHARSETS, "names no character set");
        }
        return new XmCharconv(config.instanceName(), list);
    }
}
