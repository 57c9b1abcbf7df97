package io.logship.system;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.time.Duration;
import java.util.List;

/** {@code xm_exec}: the exec() and exec_async() procedures. */
public final class ExecExtensionProvider implements ModuleProvider {
    static final Directive<Duration> TIMEOUT = Directive.duration("Timeout").withDefault(Duration.ofSeconds(30))
            .withCheck(d -> {
                if (d.isZero() || d.isNegative()) {
                    throw new IllegalArgumentException("must be more than 0");
                }
            })
            .withDoc("logship's own: how long exec() waits for the program before it is killed and the statement "
                    + "fails (NXLog waits for ever, which blocks the calling module).");
    static final Directive<Long> MAX_ASYNC = Directive.integer("MaxAsync").withDefault(64L)
            .withCheck(n -> {
                if (n < 1 || n > 10_000) {
                    throw new IllegalArgumentException("must be 1 to 10000");
                }
            })
            .withDoc("logship's own: at most this many programs started by exec_async() run at once; a call "
                    + "beyond that fails (logged, counted) instead of starting one more.");

    @Override
    public String name() {
        return "xm_exec";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "The exec() and exec_async() procedures: run a program from Exec statements.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(TIMEOUT, MAX_ASYNC);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new ExecExtension(config.instanceName(), config.get(TIMEOUT), config.get(MAX_ASYNC).intValue());
    }
}
