package io.logship.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.InputModule;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FlowControl FALSE: honoured for inputs whose provider may drop, refused with file and line for the others. */
class FlowControlConfigTest {
    @TempDir
    Path dir;

    /** A socket-like input: its provider declares that it may drop. */
    static final class DroppingInput implements ModuleProvider {
        @Override
        public String name() {
            return "im_droptest";
        }

        @Override
        public ModuleKind kind() {
            return ModuleKind.INPUT;
        }

        @Override
        public String description() {
            return "an input whose peers cannot be paused";
        }

        @Override
        public boolean mayDropWhenFull() {
            return true;
        }

        @Override
        public List<Directive<?>> directives() {
            return List.of();
        }

        @Override
        public Module create(ModuleConfig config) {
            return (InputModule) ctx -> { };
        }
    }

    private ModuleRegistry registry() throws ConfigException {
        List<ModuleProvider> all = new ArrayList<>(ModuleRegistry.load().providers()); // im_file, om_file, ...
        all.add(new DroppingInput());
        return new ModuleRegistry(all);
    }

    private Path write(String... lines) throws IOException {
        Path p = dir.resolve("a.conf");
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private ResolvedConfig load(Path f) throws ConfigException {
        return ConfigLoader.load(f, registry(), dir.resolve("home"));
    }

    private List<String> problems(Path f) {
        return catchThrowableOfType(ConfigException.class, () -> load(f)).problems();
    }

    @Test
    void load_whenInputMayDropAndSaysFlowControlFalse_marksItDropWhenFull() throws Exception {
        Path f = write("<Input udp>", "Module im_droptest", "FlowControl FALSE", "</Input>",
                "<Input udp2>", "Module im_droptest", "</Input>",
                "<Output out>", "Module om_file", "File out.log", "</Output>",
                "<Route r>", "Path udp, udp2 => out", "</Route>");

        ResolvedConfig rc = load(f);

        assertThat(rc.instances()).extracting(ResolvedConfig.Instance::name, ResolvedConfig.Instance::dropWhenFull)
                .containsExactly(tuple("udp", true), tuple("udp2", false), tuple("out", false));
    }

    @Test
    void load_whenImFileSaysFlowControlFalse_isRefusedNamingFileLineAndModule() throws IOException {
        Path f = write("<Input udp>", "Module im_droptest", "FlowControl FALSE", "</Input>",
                "<Input in>", "Module im_file", "File in.log", "FlowControl FALSE", "</Input>",
                "<Output out>", "Module om_file", "File out.log", "FlowControl FALSE", "</Output>",
                "<Route r>", "Path udp, in => out", "</Route>");

        assertThat(problems(f)).containsExactly(
                f + ":8: in: FlowControl FALSE is not supported for im_file: its data waits for logship, so a full "
                        + "queue makes it wait and it reads on where it stopped, losing nothing; FlowControl FALSE "
                        + "(drop rather than wait) is for inputs whose peers cannot be paused (im_droptest)",
                f + ":13: out: FlowControl FALSE is not supported here: logship drops events only at an <Input> "
                        + "with FlowControl FALSE whose module may drop; a full queue makes the inputs feeding it "
                        + "wait (FlowControl TRUE, NXLog's default)");
    }

    @Test
    void load_whenGlobalFlowControlFalse_appliesToDroppersAndNamesEachInputThatCannot() throws Exception {
        Path f = write("FlowControl FALSE",
                "<Input udp>", "Module im_droptest", "</Input>",
                "<Input in>", "Module im_file", "File in.log", "</Input>",
                "<Output out>", "Module om_file", "File out.log", "</Output>",
                "<Route r>", "Path udp, in => out", "</Route>");

        assertThat(problems(f)).containsExactly(f + ":1: FlowControl FALSE (global, the default of input in at " + f
                + ":5) is not supported for im_file: its data waits for logship, so a full queue makes it wait and "
                + "it reads on where it stopped, losing nothing; FlowControl FALSE (drop rather than wait) is for "
                + "inputs whose peers cannot be paused (im_droptest); write FlowControl TRUE in that block");

        Files.writeString(f, Files.readString(f).replace("File in.log", "File in.log\nFlowControl TRUE"));
        ResolvedConfig rc = load(f);
        assertThat(rc.instances()).extracting(ResolvedConfig.Instance::name, ResolvedConfig.Instance::dropWhenFull)
                .containsExactly(tuple("udp", true), tuple("in", false), tuple("out", false));
    }
}
