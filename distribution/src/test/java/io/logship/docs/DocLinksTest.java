package io.logship.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The user docs hold together: every relative link and anchor resolves, and the README stays a short user page. */
class DocLinksTest {
    private static final Path ROOT = ReferencePagesTest.ROOT;
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern CONF_PATH = Pattern.compile("(?<![\\w/.])conf/[A-Za-z0-9_.\\-/]*[A-Za-z0-9_]");

    @Test
    void links_whenFollowed_reachAnExistingFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(Files.readString(page, StandardCharsets.UTF_8))) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String shown = ROOT.relativize(page) + ": " + target;
                if (!to.startsWith(ROOT)) {
                    broken.add(shown + " (outside the repository)");
                } else if (!Files.exists(to)) {
                    broken.add(shown + " (no such file)");
                } else if (anchor != null && to.toString().endsWith(".md")
                        && !anchors(Files.readString(to, StandardCharsets.UTF_8)).contains(anchor)) {
                    broken.add(shown + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void confPaths_whenNamedInDocs_exist() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = CONF_PATH.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!Files.exists(ROOT.resolve(m.group()))) {
                    missing.add(ROOT.relativize(page) + ": " + m.group());
                }
            }
        }
        assertThat(missing).as("conf/ paths the docs name that do not exist").isEmpty();
    }

    @Test
    void readme_whenRead_isAShortUserPageThatPromisesAtLeastOnce() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        StringBuilder first = new StringBuilder();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank() && !first.isEmpty()) {
                break;
            }
            first.append(l).append(' ');
        }

        assertThat(lines.size()).isLessThanOrEqualTo(250);
        assertThat(first.toString()).contains("at-least-once").doesNotContainIgnoringCase("SIEM")
                .doesNotContainIgnoringCase("duplicat");
    }

    @Test
    void anchors_whenHeadingsRepeatOrHaveMarkup_followGitHubsRules() {
        assertThat(anchors("# A `b` (c), d!\n## Late keys\n## Late keys\n```\n# not a heading\n```\n"))
                .containsExactlyInAnyOrder("a-b-c-d", "late-keys", "late-keys-1");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
            // docs/src/ holds the generated pages' sources; the generated pages are checked instead
            s.filter(p -> p.toString().endsWith(".md") && !p.startsWith(ROOT.resolve(ReferencePages.SOURCES)))
                    .sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The link targets of a markdown text, outside code blocks and code spans. */
    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        for (String line : prose(markdown)) {
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as '-', repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(markdown)) {
            if (!line.matches("^#{1,6} .*")) {
                continue;
            }
            String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            out.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return out;
    }

    private static List<String> prose(String markdown) {
        List<String> out = new ArrayList<>();
        boolean code = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                code = !code;
            } else if (!code) {
                out.add(line);
            }
        }
        return out;
    }
}
