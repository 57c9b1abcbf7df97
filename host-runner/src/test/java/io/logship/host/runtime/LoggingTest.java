package io.logship.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreTestLogging() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    @Test
    void level_whenGivenNxlogWords_mapsThem() {
        assertThat(Logging.level("DEBUG")).isEqualTo(Level.DEBUG);
        assertThat(Logging.level("info")).isEqualTo(Level.INFO);
        assertThat(Logging.level("WARNING")).isEqualTo(Level.WARN);
        assertThat(Logging.level("ERROR")).isEqualTo(Level.ERROR);
        assertThat(Logging.level("CRITICAL")).isEqualTo(Level.ERROR);
        assertThat(Logging.level(null)).isEqualTo(Level.INFO);
        assertThatThrownBy(() -> Logging.level("LOUD")).hasMessageContaining("LogLevel");
    }

    @Test
    void configure_whenLogFileSet_appendsAtLevelAndQuietsThirdParties() throws Exception {
        Path log = dir.resolve("agent.log");
        Files.writeString(log, "previous line\n");

        Logging.configure("DEBUG", log);
        LoggerFactory.getLogger("logship.test").debug("debug from logship");
        LoggerFactory.getLogger("org.gaul.s3proxy.Thing").info("chatty third party");
        LoggerFactory.getLogger("org.eclipse.jetty.server").warn("jetty warning");

        String text = Files.readString(log);
        assertThat(text).startsWith("previous line\n").contains("debug from logship").contains("jetty warning")
                .doesNotContain("chatty third party");
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(ctx.getLogger("software.amazon").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void configure_whenLevelIsError_dropsInfoAndWarnings() throws Exception {
        Path log = dir.resolve("agent.log");

        Logging.configure("ERROR", log);
        LoggerFactory.getLogger("logship.test").warn("a warning");
        LoggerFactory.getLogger("logship.test").error("an error");

        assertThat(Files.readString(log)).contains("an error").doesNotContain("a warning");
    }

    @Test
    void configure_whenLogFileCannotBeWritten_failsNamingIt() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path log = blocker.resolve("agent.log");

        assertThatThrownBy(() -> Logging.configure("INFO", log)).hasMessageContaining("LogFile " + log);
    }

    @Test
    void logDefaults_whenNoConfigurationFile_configuresStderrAndStopsLogbackLooking() {
        LoggerContext ctx = new LoggerContext();
        LogDefaults defaults = new LogDefaults(name -> false);
        defaults.setContext(ctx);

        assertThat(defaults.configure(ctx)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("stderr")).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) root.getAppender("stderr")).getTarget()).isEqualTo("System.err");
        assertThat(ctx.getLogger("org.gaul.s3proxy").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(ctx.getLogger("logship.agent").getEffectiveLevel()).isEqualTo(Level.INFO);
        ctx.stop();
    }

    @Test
    void logDefaults_whenAConfigurationFileIsOnTheClassPath_stepsAside() {
        LoggerContext ctx = new LoggerContext();
        LogDefaults defaults = new LogDefaults("logback.xml"::equals);
        defaults.setContext(ctx);

        assertThat(defaults.configure(ctx)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    @Test
    void logDefaults_isTheServiceLogbackFinds() {
        assertThat(java.util.ServiceLoader.load(Configurator.class).stream().map(p -> (Object) p.type()).toList())
                .contains(LogDefaults.class);
    }
}
