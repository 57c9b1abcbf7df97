package io.logship.host.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.api.ConfigException;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import io.logship.host.config.ResolvedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pm_buffer as a config file declares it: NXLog's directives, their checks, and where it may sit in a route. */
class BufferConfigTest {
    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path p = dir.resolve("a.conf");
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private ResolvedConfig load(Path f) throws ConfigException {
        return ConfigLoader.load(f, ModuleRegistry.load(), dir.resolve("home"));
    }

    private List<String> problems(Path f) {
        return catchThrowableOfType(ConfigException.class, () -> load(f)).problems();
    }

    private static final String[] IN_OUT = {"<Input in>", "Module im_file", "File in.log", "</Input>",
        "<Output out>", "Module om_file", "File out.log", "</Output>"};

    private Path conf(String... rest) throws IOException {
        String[] all = new String[IN_OUT.length + rest.length];
        System.arraycopy(IN_OUT, 0, all, 0, IN_OUT.length);
        System.arraycopy(rest, 0, all, IN_OUT.length, rest.length);
        return write(all);
    }

    @Test
    void load_whenDiskAndMemBuffersInAPath_takesMaxSizeAndWarnLimitInKiB() throws Exception {
        Path f = conf("<Processor disk>", "Module pm_buffer", "Type Disk", "MaxSize 2048", "WarnLimit 1024",
                "</Processor>", "<Processor mem>", "Module pm_buffer", "Type mem", "MaxSize 64", "</Processor>",
                "<Route r>", "Path in => mem, disk => out", "</Route>");

        ResolvedConfig rc = load(f);

        PmBuffer disk = (PmBuffer) rc.instances().stream().filter(i -> i.name().equals("disk")).findFirst()
                .orElseThrow().module();
        PmBuffer mem = (PmBuffer) rc.instances().stream().filter(i -> i.name().equals("mem")).findFirst()
                .orElseThrow().module();
        assertThat(disk.isDisk()).isTrue();
        assertThat(disk.maxBytes()).isEqualTo(2048 * 1024);
        assertThat(disk.warnBytes()).isEqualTo(1024 * 1024);
        assertThat(mem.isDisk()).isFalse();
        assertThat(mem.maxBytes()).isEqualTo(64 * 1024);
        assertThat(mem.warnBytes()).isZero();
    }

    @Test
    void load_whenDirectivesAreMissingOrWrong_reportsEachWithFileAndLine() throws Exception {
        Path f = conf("<Processor b1>", "Module pm_buffer", "</Processor>",
                "<Processor b2>", "Module pm_buffer", "Type Tape", "MaxSize 10K", "</Processor>",
                "<Processor b3>", "Module pm_buffer", "Type Disk", "MaxSize 100", "WarnLimit 100", "</Processor>",
                "<Processor b4>", "Module pm_buffer", "Type Mem", "MaxSize 100", "Directory /tmp", "</Processor>",
                "<Route r>", "Path in => b1, b2, b3, b4 => out", "</Route>");

        assertThat(problems(f)).containsExactly(
                f + ":9: b1: missing required directive Type for module pm_buffer",
                f + ":9: b1: missing required directive MaxSize for module pm_buffer",
                f + ":12: b2: missing required directive Type for module pm_buffer",
                f + ":12: b2: missing required directive MaxSize for module pm_buffer",
                f + ":14: b2: invalid value 'Tape' for Type: must be one of Mem, Disk",
                f + ":15: b2: invalid value '10K' for MaxSize: expected an integer",
                f + ":21: b3: WarnLimit: must be below MaxSize (100 KiB)",
                f + ":27: b4: Directory: applies to Type Disk only (this buffer is Type Mem)");
    }

    @Test
    void load_whenOneBufferIsInTwoPaths_isRefusedAtTheSecondPath() throws Exception {
        Path f = conf("<Processor buf>", "Module pm_buffer", "Type Disk", "MaxSize 100", "</Processor>",
                "<Route r1>", "Path in => buf => out", "</Route>", "<Route r2>", "Path in => buf => out", "</Route>");

        assertThat(problems(f)).containsExactly(f + ":18: route r2: pm_buffer buf is already in the path at " + f
                + ":15: a buffer feeds the one path after it; give each path a pm_buffer of its own");
    }
}
