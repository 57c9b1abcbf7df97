package io.logship.host.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.Predicate;

/**
 * Logging before a configuration file is read (and for the demo and the embedded S3 store): stderr at INFO,
 * the chatty libraries of {@link Logging#QUIET} at WARN, set up in code. It is a logback {@link Configurator}
 * service (META-INF/services), which logback asks before it looks for XML: a start no longer parses one
 * (about a tenth of a second of every start, measured with an empty {@code --once} run). A configuration of the
 * user's still wins: with {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} or
 * {@code logback.xml} on the class path, this steps aside and logback reads that file as usual.
 */
public final class LogDefaults extends ContextAwareBase implements Configurator {
    private final Predicate<String> onClassPath;

    /** The service constructor: looks for configuration files with this class's loader. */
    public LogDefaults() {
        this(name -> LogDefaults.class.getClassLoader().getResource(name) != null);
    }

    LogDefaults(Predicate<String> onClassPath) {
        this.onClassPath = onClassPath;
    }

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || onClassPath.test("logback-test.xml") || onClassPath.test("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logging.apply(ctx, Level.INFO, null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
