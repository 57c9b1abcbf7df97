package io.logship.lang.rewrite;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code xm_rewrite}: Delete, Keep and Rename fields, and Exec statements, run by its {@code process()} procedure.
 * NXLog runs the action directives in the order they appear; logship orders the three directive kinds by where
 * each first appears (several of one kind run in file order) and runs the Exec statements last.
 */
public final class RewriteProvider implements ModuleProvider {
    static final Directive<String> DELETE = Directive.string("Delete").repeatable()
            .withDoc("A field name or a list of them (`Delete SourceName, ProcessID`): the fields are removed, as "
                    + "`delete()` would.");
    static final Directive<String> KEEP = Directive.string("Keep").repeatable()
            .withDoc("A field name or a list of them: those fields are kept and every other one is removed, except "
                    + "raw_event, which is never removed (`Keep raw_event` keeps nothing else).");
    static final Directive<String> RENAME = Directive.string("Rename").repeatable()
            .withDoc("Two field names, the old and the new (`Rename EventTime timestamp`): the field is renamed, "
                    + "replacing a field of the new name; nothing happens when the event lacks it.");

    @Override
    public String name() {
        return "xm_rewrite";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.EXTENSION;
    }

    @Override
    public String description() {
        return "Deletes, keeps and renames fields and runs statements, from one place: Exec rewrite->process();";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(DELETE, KEEP, RENAME);
    }

    private record Located(int line, List<FieldAction> actions) {
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<Located> kinds = new ArrayList<>();
        for (Directive<String> d : List.of(DELETE, KEEP, RENAME)) {
            if (!config.isSet(d)) {
                continue;
            }
            List<FieldAction> actions = new ArrayList<>();
            for (String v : config.getAll(d)) {
                try {
                    actions.add(action(d, v));
                } catch (IllegalArgumentException e) {
                    problems.add(config.problem(d, e.getMessage()).getMessage());
                }
            }
            kinds.add(new Located(line(config.location(d)), actions));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        kinds.sort(Comparator.comparingInt(Located::line));
        List<FieldAction> all = new ArrayList<>();
        kinds.forEach(k -> all.addAll(k.actions()));
        return new Rewrite(config.instanceName(), all);
    }

    private static FieldAction action(Directive<String> d, String value) {
        if (d == DELETE) {
            List<String> names = FieldAction.names(value);
            if (names.contains(io.logship.api.Fields.RAW_EVENT)) {
                throw new IllegalArgumentException("raw_event cannot be deleted (as in NXLog); to keep nothing else, "
                        + "use Keep raw_event");
            }
            return new FieldAction.Delete(names);
        }
        if (d == KEEP) {
            return new FieldAction.Keep(FieldAction.nameSet(value));
        }
        List<String> names = FieldAction.names(value);
        if (names.size() != 2) {
            throw new IllegalArgumentException("takes two field names, the old and the new (got " + names.size()
                    + ")");
        }
        return new FieldAction.Rename(names.get(0), names.get(1));
    }

    /** The line of a "file:line" location, for ordering (0 when there is none). */
    private static int line(String location) {
        int colon = location.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(location.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
