package io.logship.python;

import org.graalvm.polyglot.Engine;

/**
 * The GraalPy engines shared by every im_python/om_python instance of this JVM. An Engine holds no
 * configuration or events, only GraalPy's parsed and compiled code, so sharing it makes the second and
 * later contexts start in a fraction of the first one's time. Contexts of one engine must share one
 * host-access policy, hence one engine per policy. Created on first use, never closed (they live as
 * long as the JVM, like a class cache).
 */
final class Engines {
    private Engines() {
    }

    static Engine get(boolean hostAccess) {
        return hostAccess ? HostAccessEngine.ENGINE : SandboxEngine.ENGINE;
    }

    private static Engine create() {
        return Engine.newBuilder("python")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    private static final class SandboxEngine {
        static final Engine ENGINE = create();
    }

    private static final class HostAccessEngine {
        static final Engine ENGINE = create();
    }
}
