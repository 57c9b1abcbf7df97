package io.logship.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logship.api.ModuleConfig;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestModuleContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the xm_gelf tests share: an instance built from directives and started, and GELF JSON read back. */
final class GelfFixtures {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    private GelfFixtures() {
    }

    /** An xm_gelf instance from directive pairs, started on a context with a fake clock standing at {@link #NOW}. */
    static XmGelf started(Path dir, TestModuleContext ctx, String... pairs) throws Exception {
        GelfProvider provider = new GelfProvider();
        ModuleConfig config = ModuleConfigs.of(provider, "gelf", dir, dir, dir, pairs);
        XmGelf gelf = (XmGelf) provider.create(config);
        if (!(ctx.clock() instanceof FakeClock)) {
            ctx.setClock(new FakeClock(NOW));
        }
        gelf.start(ctx);
        return gelf;
    }

    static TestModuleContext context(Path dir) {
        return new TestModuleContext("xm_gelf", "gelf", dir);
    }

    /** A flat JSON object's members in order, numbers as Long or Double, JSON text for nested values. */
    static Map<String, Object> members(byte[] json) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new AssertionError("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                Object v = switch (t) {
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                    case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                    case VALUE_NULL -> null;
                    case START_OBJECT, START_ARRAY -> {
                        p.skipChildren();
                        yield "<nested>";
                    }
                    default -> p.getText();
                };
                if (out.containsKey(name)) {
                    throw new AssertionError("member " + name + " twice");
                }
                out.put(name, v);
            }
            if (p.nextToken() != null) {
                throw new AssertionError("more after the object");
            }
        }
        return out;
    }
}
