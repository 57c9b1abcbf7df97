package io.logship.lang.multiline;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.List;

/** {@code xm_multiline}: joins the lines of multi-line messages into one event, used as an input's InputType. */
public final class MultilineProvider implements ModuleProvider {
    /** The most characters a record holds before it is emitted without its end (bounded memory per source). */
    static final int MAX_RECORD = 8 << 20;

    static final Directive<String> HEADER_LINE = Directive.string("HeaderLine")
            .withDoc("A string the whole first line of a message equals, or a regular expression literal "
                    + "(`/^\\d{4}-\\d\\d-\\d\\d /`) that matches it. Lines are appended to the message until the next "
                    + "header line; until then the message is held (see AutoFlush). One of HeaderLine and "
                    + "FixedLineCount is required.");
    static final Directive<String> END_LINE = Directive.string("EndLine")
            .withDoc("Like HeaderLine, for the last line of a message: the message is complete, and emitted, when a "
                    + "line matches.");
    static final Directive<Long> FIXED_LINE_COUNT = Directive.integer("FixedLineCount")
            .withCheck(n -> {
                if (n < 1 || n > 1_000_000) {
                    throw new IllegalArgumentException("must be a positive number of lines (at most 1000000)");
                }
            })
            .withDoc("Every message has this many lines; a message is emitted as soon as it has them.");
    static final Directive<Boolean> AUTO_FLUSH = Directive.bool("AutoFlush").withDefault(true)
            .withDoc("TRUE: a message held for want of its next header line is emitted when its source had no new "
                    + "data for the input's PollInterval (NXLog's behaviour). FALSE: it is held until a header or end "
                    + "line comes, or the source ends (a rotated file read to its end).");

    @Override
    public String name() {
        return "xm_multiline";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "Joins multi-line messages into one event (HeaderLine, EndLine, FixedLineCount), as an InputType.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(HEADER_LINE, END_LINE, FIXED_LINE_COUNT, AUTO_FLUSH);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        LineMatcher header = matcher(config, HEADER_LINE, problems);
        LineMatcher end = matcher(config, END_LINE, problems);
        Long fixed = config.get(FIXED_LINE_COUNT);
        String where = config.location(HEADER_LINE) + ": " + config.instanceName() + ": ";
        if (!config.isSet(HEADER_LINE) && fixed == null) {
            problems.add(where + "one of HeaderLine and FixedLineCount is required"
                    + (config.isSet(END_LINE) ? " (EndLine alone cannot tell where a message starts)" : ""));
        }
        if (header != null && header.sameAs(end)) {
            problems.add(config.location(END_LINE) + ": " + config.instanceName()
                    + ": HeaderLine and EndLine cannot be the same");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Multiline(new MultilineSettings(config.instanceName(), header, end,
                fixed == null ? 0 : fixed.intValue(), config.get(AUTO_FLUSH), MAX_RECORD));
    }

    private static LineMatcher matcher(ModuleConfig config, Directive<String> d, List<String> problems) {
        String v = config.get(d);
        if (v == null) {
            return null;
        }
        if (v.isBlank()) {
            problems.add(config.problem(d, "is empty (give a string or a regular expression /.../)").getMessage());
            return null;
        }
        try {
            return LineMatcher.parse(v);
        } catch (IllegalArgumentException e) {
            problems.add(config.problem(d, e.getMessage()).getMessage());
            return null;
        }
    }
}
