package io.logship.lang.pattern;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.util.List;

/** {@code pm_pattern}: classifies events with an NXLog XML pattern database (sets $PatternID, $PatternName). */
public final class PatternProvider implements ModuleProvider {
    static final Directive<Path> PATTERN_FILE = Directive.path("PatternFile").required()
            .withDoc("The pattern database: NXLog's XML format (`<patterndb>`, `<group>`s of `<pattern>`s with "
                    + "`<matchfield>`s of type exact or regexp, `<capturedfield>`s, `<set>` fields and `<exec>` "
                    + "statements). Read once at start; DTDs and external entities are refused.");

    @Override
    public String name() {
        return "pm_pattern";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.PROCESSOR;
    }

    @Override
    public String description() {
        return "Matches events against an NXLog pattern database; the first match sets PatternID, PatternName and "
                + "its fields.";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(PATTERN_FILE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        Path file = config.get(PATTERN_FILE);
        try {
            return new PatternMatcher(config.instanceName(), PatternDbParser.parse(file));
        } catch (IllegalArgumentException e) {
            throw config.problem(PATTERN_FILE, e.getMessage());
        }
    }
}
