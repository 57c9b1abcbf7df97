package io.logship.host.config;

import io.logship.api.ModuleKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The block structure of nxlog.conf: {@code <Input|Output|Processor|Extension|Route name>} ... {@code </Kind>}
 * (case-insensitive), the names (valid, unique), the lines inside a module block (Module, the module's
 * directives, {@code Exec} and the nested {@code <Exec>} and {@code <Schedule>} blocks, see {@link NestedBlocks})
 * and inside a route (Path), and unknown blocks, which are skipped whole.
 */
final class Blocks {
    /** Block names NXLog allows nested in a module block. */
    private static final Set<String> NESTED_BLOCKS = Set.of("schedule", "exec");

    static final Pattern TAG = Pattern.compile("<\\s*(/?)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*([^<>]*?)\\s*>");
    /** NXLog: a module instance name is [a-zA-Z_][a-zA-Z0-9._]*. */
    private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._]*");
    /** NXLog: a route name is [a-zA-Z0-9_][a-zA-Z0-9._]*. */
    private static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._]*");

    /** A block being read. */
    private static final class OpenBlock {
        final String tag;          // as written, e.g. "Input"
        final ModuleKind kind;     // null for a route
        final String name;
        final String file;
        final int line;
        final Path baseDir;
        final String fileKey;      // which file opened it (absolute path string)
        String moduleName;
        int moduleLine;
        boolean pathSeen;
        final List<RawDirective> directives = new ArrayList<>();
        final List<RouteBlock.RoutePath> paths = new ArrayList<>();
        final NestedBlocks nested;

        OpenBlock(String tag, ModuleKind kind, String name, String file, int line, Path baseDir, String fileKey) {
            this.tag = tag;
            this.kind = kind;
            this.name = name;
            this.file = file;
            this.line = line;
            this.baseDir = baseDir;
            this.fileKey = fileKey;
            this.nested = new NestedBlocks(name);
        }

        String describe() {
            return "<" + tag + (name.isEmpty() ? "" : " " + name) + "> (opened at " + file + ":" + line + ")";
        }
    }

    /** Where a file's parse started, to tell what the file left open. */
    record Mark(OpenBlock block, String skipping) {
    }

    private final ParseReport report;
    final List<ModuleBlock> modules = new ArrayList<>();
    final List<RouteBlock> routes = new ArrayList<>();
    private final Map<String, String> instanceNames = new HashMap<>();
    private final Map<String, String> routeNames = new HashMap<>();
    private OpenBlock block;
    /** Name of a block being skipped, and how deep. */
    private String skipping;
    private int skipDepth;
    private String skipLocation;

    Blocks(ParseReport report) {
        this.report = report;
    }

    boolean inBlock() {
        return block != null;
    }

    boolean skipping() {
        return skipping != null;
    }

    /** Inside an {@code <Exec>} block: every line but {@code </Exec>} is a statement line. */
    boolean capturingExec() {
        return block != null && block.nested.capturing();
    }

    /** A line of an {@code <Exec>} block, as written. */
    void execLine(String asWritten, int line, int column) {
        block.nested.execLine(asWritten, line, column);
    }

    Mark mark() {
        return new Mark(block, skipping);
    }

    /** A line inside a skipped block: only tags of the same name count (nesting). */
    void skipLine(String text) {
        Matcher m = TAG.matcher(text);
        if (m.matches() && m.group(2).equalsIgnoreCase(skipping)) {
            if (m.group(1).isEmpty()) {
                skipDepth++;
            } else if (--skipDepth == 0) {
                skipping = null;
            }
        }
    }

    /** A line starting with '<'. */
    void tag(String text, String file, int line, Path dir, String fileKey) {
        Matcher m = TAG.matcher(text);
        if (!m.matches()) {
            report.problem(file, line, "malformed block tag '" + text + "' (expected <Kind name> or </Kind>)");
            return;
        }
        if (m.group(1).isEmpty()) {
            openTag(m.group(2), m.group(3), file, line, dir, fileKey);
        } else {
            closeTag(m.group(2), m.group(3), file, line, fileKey);
        }
    }

    /**
     * A directive line inside the open block.
     *
     * @param asWritten the value with its line breaks (for statements)
     * @param column    the value's 1-based column
     */
    void directive(String name, String rawValue, String file, int line, String asWritten, int column) {
        OpenBlock b = block;
        String lower = name.toLowerCase(Locale.ROOT);
        if (b.kind == null) {
            routeDirective(b, name, lower, rawValue, file, line);
        } else if (b.nested.inSchedule()) {
            b.nested.scheduleDirective(name, rawValue, file, line, asWritten, column, report);
        } else if (lower.equals("exec")) {
            if (asWritten.isEmpty()) {
                report.problem(file, line, b.name + ": Exec has no statements");
            } else {
                b.nested.exec(asWritten, file, line, column);
            }
        } else if (lower.equals("module")) {
            if (rawValue.isEmpty()) {
                report.problem(file, line, b.name + ": Module has no value");
            } else if (b.moduleName != null) {
                report.problem(file, line, b.name + ": Module given more than once (first at " + b.file + ":"
                        + b.moduleLine + ")");
            } else {
                b.moduleName = ConfigLexer.unquote(rawValue);
                b.moduleLine = line;
            }
        } else if (rawValue.isEmpty()) {
            report.problem(file, line, b.name + ": directive " + name + " has no value");
        } else {
            String value = ConfigLexer.unquote(rawValue);
            b.directives.add(new RawDirective(name, value, file, line,
                    column + (value.length() == rawValue.length() ? 0 : 1)));
        }
    }

    /** At the end of a file: a block it opened (or began skipping) and did not close is a problem. */
    void endOfFile(Mark atEntry, String file, String fileKey) {
        if (skipping != null && atEntry.skipping() == null) {
            report.problems.add(skipLocation + ": block <" + skipping + "> is not closed (missing </"
                    + skipping + ">)");
            skipping = null;
        }
        if (block != null && block != atEntry.block() && block.fileKey.equals(fileKey)) {
            report.problems.add(block.file + ":" + block.line + ": block " + "<" + block.tag + " "
                    + block.name + "> is not closed (missing </" + block.tag + "> before the end of "
                    + file + ")");
            finishBlock();
        }
    }

    private void routeDirective(OpenBlock b, String name, String lower, String value, String file, int line) {
        if (lower.equals("path")) {
            b.pathSeen = true;
            RouteBlock.RoutePath p = parsePath(value, file, line, b.name);
            if (p != null) {
                b.paths.add(p);
            }
        } else if (lower.equals("priority")) {
            report.problem(file, line, "route " + b.name + ": directive '" + name + "' is not supported by logship yet");
        } else {
            report.problem(file, line, "route " + b.name + ": unknown directive '" + name
                    + "' (a <Route> block takes Path lines)");
        }
    }

    /** {@code in1, in2 => proc1 => proc2 => out1, out2}. */
    private RouteBlock.RoutePath parsePath(String value, String file, int line, String route) {
        String[] parts = value.split("=>", -1);
        if (parts.length < 2) {
            report.problem(file, line, "route " + route + ": Path must be 'in1, in2 => out1, out2' (with "
                    + "optional '=> processor' steps), got '" + value + "'");
            return null;
        }
        List<List<String>> lists = new ArrayList<>();
        for (String part : parts) {
            List<String> names = new ArrayList<>();
            for (String n : part.split(",", -1)) {
                String t = n.strip();
                if (t.isEmpty()) {
                    report.problem(file, line, "route " + route + ": Path has an empty instance name in '" + value
                            + "'");
                    return null;
                }
                if (!INSTANCE_NAME.matcher(t).matches()) {
                    report.problem(file, line, "route " + route + ": '" + t + "' is not a valid instance name");
                    return null;
                }
                names.add(t);
            }
            lists.add(names);
        }
        List<String> processors = new ArrayList<>();
        for (int k = 1; k < lists.size() - 1; k++) {
            processors.addAll(lists.get(k));
        }
        return new RouteBlock.RoutePath(List.copyOf(lists.get(0)), List.copyOf(processors),
                List.copyOf(lists.get(lists.size() - 1)), file, line);
    }

    private static ModuleKind kindOf(String tag) {
        return switch (tag.toLowerCase(Locale.ROOT)) {
            case "input" -> ModuleKind.INPUT;
            case "output" -> ModuleKind.OUTPUT;
            case "processor" -> ModuleKind.PROCESSOR;
            case "extension" -> ModuleKind.EXTENSION;
            default -> null;
        };
    }

    private void openTag(String tag, String rawName, String file, int line, Path dir, String fileKey) {
        String lowerTag = tag.toLowerCase(Locale.ROOT);
        String name = ConfigLexer.unquote(rawName.strip());
        ModuleKind kind = kindOf(tag);
        boolean route = lowerTag.equals("route");
        if (kind == null && !route) {
            if (block != null && block.kind != null && NESTED_BLOCKS.contains(lowerTag)) {
                if (!rawName.isBlank()) {
                    report.problem(file, line, block.name + ": <" + tag + "> takes no name");
                }
                block.nested.open(lowerTag, tag, file, line, report);
                return;
            } else if (block != null && block.kind != null) {
                // a module's own nested block (im_msvistalog's <QueryXML>): kept as a directive of that name, so
                // a module that does not take it reports it as unknown, and an unknown module's only problem
                // stays its Module line
                block.directives.add(new RawDirective(tag, "<" + tag + "> block", file, line));
            } else if (NESTED_BLOCKS.contains(lowerTag)) {
                report.problem(file, line, "block <" + tag + "> is only allowed inside a module block (<Input>, "
                        + "<Output>, <Processor>, <Extension>)");
            } else {
                report.problem(file, line, "unknown block <" + tag + "> (blocks are Input, Output, Processor, "
                        + "Extension and Route)");
            }
            skipping = tag;
            skipDepth = 1;
            skipLocation = file + ":" + line;
            return;
        }
        if (block != null) {
            report.problem(file, line, "<" + tag + (name.isEmpty() ? "" : " " + name) + "> inside "
                    + block.describe() + ": missing </" + block.tag + ">");
            finishBlock();
        }
        if (name.isEmpty()) {
            report.problem(file, line, "<" + tag + "> needs a name, e.g. <" + tag + " " + (route ? "r1" : "in") + ">");
        } else if (!(route ? ROUTE_NAME : INSTANCE_NAME).matcher(name).matches()) {
            report.problem(file, line, "invalid " + (route ? "route" : "instance") + " name '" + name + "' (letters, "
                    + "digits, '.', '_'; " + (route ? "" : "not starting with a digit or '.'") + ")");
        } else {
            Map<String, String> seen = route ? routeNames : instanceNames;
            String prev = seen.putIfAbsent(name, file + ":" + line);
            if (prev != null) {
                report.problem(file, line, "duplicate " + (route ? "route" : "instance") + " name '" + name
                        + "' (first defined at " + prev + ")");
            }
        }
        block = new OpenBlock(tag, kind, name, file, line, dir, fileKey);
    }

    private void closeTag(String tag, String extra, String file, int line, String fileKey) {
        OpenBlock b = block;
        if (!extra.isEmpty()) {
            report.problem(file, line, "closing tag </" + tag + "> takes no name");
        }
        if (b == null) {
            report.problem(file, line, "</" + tag + "> without a matching <" + tag + ">");
            return;
        }
        if (b.nested.close(tag.toLowerCase(Locale.ROOT), file, line, report)) {
            return; // </Exec> or </Schedule>
        }
        if (!b.fileKey.equals(fileKey)) {
            report.problem(file, line, "</" + tag + "> closes " + b.describe()
                    + " from another file: a block must end in the file where it starts");
            return;
        }
        if (!b.tag.equalsIgnoreCase(tag)) {
            report.problem(file, line, "</" + tag + "> does not match " + b.describe());
        }
        finishBlock();
    }

    private void finishBlock() {
        OpenBlock b = block;
        block = null;
        b.nested.finish(report);
        if (b.name.isEmpty()) {
            return;
        }
        if (b.kind == null) {
            if (!b.pathSeen) {
                report.problem(b.file, b.line, "route " + b.name + " has no Path (e.g. Path in => out)");
            }
            routes.add(new RouteBlock(b.name, List.copyOf(b.paths), b.file, b.line));
        } else {
            modules.add(new ModuleBlock(b.kind, b.name, b.moduleName, List.copyOf(b.directives), b.file, b.line,
                    b.baseDir, b.moduleName == null ? b.line : b.moduleLine, b.nested.execs(), b.nested.schedules()));
        }
    }
}
