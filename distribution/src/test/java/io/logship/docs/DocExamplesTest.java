package io.logship.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.ConfigException;
import io.logship.host.config.ConfigLoader;
import io.logship.host.config.ModuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration excerpt in the docs (an {@code ```apache} block) loads as logship --verify loads a file.
 * An excerpt without a route gets one, with a stand-in input or output where it has none, so that module blocks
 * shown alone are checked too. A route shown alone (no {@code Module} line) illustrates syntax and is skipped.
 * The TLS files an excerpt names by a relative path ({@code CAFile tls/ca.pem}) are created empty beside it, since
 * the TLS modules check at load that they exist; their contents are read only at start.
 */
class DocExamplesTest {
    private static final Pattern EXCERPT = Pattern.compile("```apache\n(.*?)```", Pattern.DOTALL);
    private static final Pattern BLOCK = Pattern.compile("<(Input|Output|Processor)\\s+([A-Za-z0-9_.]+)\\s*>");
    private static final Pattern TLS_FILE =
            Pattern.compile("(?im)^\\s*(?:CAFile|CertFile|CertKeyFile)\\s+([^\\s/%][^\\s%]*)\\s*$");

    @Test
    void excerpts_whenLoadedWithARoute_haveNoProblems(@TempDir Path dir) throws Exception {
        // excerpts name scripts and samples under conf/ relative to the file they are in
        Files.createSymbolicLink(dir.resolve("conf"), ReferencePagesTest.ROOT.resolve("conf"));
        ModuleRegistry registry = ModuleRegistry.load();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Path page : pages()) {
            Matcher m = EXCERPT.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                if (m.group(1).contains("<Route") && !m.group(1).matches("(?s).*\\bModule\\s.*")) {
                    continue;
                }
                Path conf = dir.resolve("excerpt-" + (++n) + ".conf");
                tlsPlaceholders(m.group(1), dir);
                Files.writeString(conf, withRoute(m.group(1)), StandardCharsets.UTF_8);
                try {
                    ConfigLoader.load(conf, registry, dir);
                } catch (ConfigException e) {
                    problems.add(ReferencePagesTest.ROOT.relativize(page) + ", excerpt " + n + ": " + e.problems());
                }
            }
        }
        assertThat(n).as("excerpts found").isGreaterThanOrEqualTo(10);
        assertThat(problems).as("doc excerpts that do not load").isEmpty();
    }

    @Test
    void withRoute_whenExcerptHasOnlyAnOutput_addsAStandInInputAndARoute() {
        String conf = withRoute("<Output s3>\n    Module om_file\n    File /tmp/x\n</Output>\n");

        assertThat(conf).contains("<Input docs_in>").contains("Path docs_in => s3").doesNotContain("docs_out");
    }

    /** The excerpt, and when it has no route, one from its inputs (or a stand-in) to its outputs (or one). */
    static String withRoute(String excerpt) {
        if (excerpt.contains("<Route")) {
            return excerpt;
        }
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Matcher m = BLOCK.matcher(excerpt);
        while (m.find()) {
            (m.group(1).equals("Input") ? inputs : outputs).add(m.group(2));
        }
        StringBuilder sb = new StringBuilder(excerpt).append('\n');
        if (inputs.isEmpty()) {
            sb.append("<Input docs_in>\n    Module im_file\n    File docs-in.log\n</Input>\n");
            inputs.add("docs_in");
        }
        if (outputs.isEmpty()) {
            sb.append("<Output docs_out>\n    Module om_file\n    File docs-out.log\n</Output>\n");
            outputs.add("docs_out");
        }
        return sb.append("<Route docs>\n    Path ").append(String.join(", ", inputs)).append(" => ")
                .append(String.join(", ", outputs)).append("\n</Route>\n").toString();
    }

    /** Empty files for the TLS files the excerpt names by a relative path. */
    private static void tlsPlaceholders(String excerpt, Path dir) throws IOException {
        Matcher m = TLS_FILE.matcher(excerpt);
        while (m.find()) {
            Path f = dir.resolve(m.group(1)).normalize();
            if (f.startsWith(dir) && !Files.exists(f)) {
                Files.createDirectories(f.getParent());
                Files.createFile(f);
            }
        }
    }

    private static List<Path> pages() throws IOException {
        Path root = ReferencePagesTest.ROOT;
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            List<Path> pages = s.filter(p -> p.toString().endsWith(".md")
                    && !p.startsWith(root.resolve(ReferencePages.SOURCES))).sorted().collect(Collectors.toList());
            pages.add(0, root.resolve("README.md"));
            return pages;
        }
    }
}
