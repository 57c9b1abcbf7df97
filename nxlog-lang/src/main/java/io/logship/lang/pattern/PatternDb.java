package io.logship.lang.pattern;

import io.logship.lang.ExecSource;
import io.logship.lang.Regex;
import java.util.List;

/** A parsed NXLog pattern database: groups of patterns, each a set of field conditions. Immutable. */
record PatternDb(List<Group> groups) {

    /** A group: its conditions (none: every event) guard its patterns. */
    record Group(String name, long id, List<MatchField> matchFields, List<Rule> patterns) {
    }

    /**
     * A pattern: when every condition holds, the captured fields, {@code PatternID}, {@code PatternName} and the
     * {@code set} fields are set, then its {@code exec} statements run.
     */
    record Rule(long id, String name, List<MatchField> matchFields, List<SetField> sets, List<ExecSource> execs) {
    }

    /**
     * A condition on one field: {@code exact} (the field's text equals the value) or {@code regexp} (the pattern
     * matches somewhere in it; its groups fill the captured fields in order).
     */
    record MatchField(String field, String exact, Regex regexp, List<Captured> captured) {
    }

    /** A captured group's field name and type (string, integer or boolean). */
    record Captured(String name, String type) {
    }

    /** A field a matching pattern sets, its value already of its type. */
    record SetField(String name, Object value) {
    }
}
