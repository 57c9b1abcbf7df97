package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Directive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalDirectivesTest {
    @TempDir
    Path dir;

    @Test
    void all_whenListed_eachHasUniqueNameAndDoc() {
        assertThat(GlobalDirectives.all()).extracting(Directive::name).doesNotHaveDuplicates()
                .contains("LogLevel", "LogFile", "CacheDir", "SpoolDir", "PidFile", "LogqueueSize",
                        "CacheFlushInterval", "CacheSync", "FlowControl", "ModuleDir", "User", "Group", "Panic",
                        "Threads", "SuppressRepeatingLogs", "NoFreeOnExit", "IgnoreErrors");
        assertThat(GlobalDirectives.all()).allSatisfy(d -> assertThat(d.doc()).as(d.name()).isNotBlank());
        assertThat(GlobalDirectives.LOG_LEVEL.defaultText()).contains("INFO");
    }

    @Test
    void parse_whenEveryDeclaredGlobalIsWritten_noneIsUnknown() throws Exception {
        Path conf = dir.resolve("all.conf");
        Files.writeString(conf, GlobalDirectives.all().stream().map(d -> d.name() + " 1")
                .collect(Collectors.joining("\n", "", "\n")));
        ConfigParser.Result r = new ConfigParser(dir).parse(conf);
        assertThat(r.problems()).noneMatch(p -> p.contains("unknown global directive"));
        assertThat(r.problems()).anyMatch(p -> p.equals(conf + ":1: invalid value '1' for LogLevel: must be one of "
                + "DEBUG, INFO, WARNING, ERROR, CRITICAL"));
    }

    @Test
    void parse_whenUndeclaredGlobal_reportsUnknownWithFileAndLine() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "LogLevel INFO\nLogLevle INFO\n");
        ConfigParser.Result r = new ConfigParser(dir).parse(conf);
        assertThat(r.problems()).singleElement().asString().startsWith(conf + ":2: unknown global directive "
                + "'LogLevle'");
    }
}
