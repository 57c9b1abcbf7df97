package io.logship.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void set_whenManyFieldsAddedRemovedAndReplaced_keepsInsertionOrderAndValues() {
        Event e = new Event();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            e.set("f" + i, (long) i);
            expected.add("f" + i);
        }
        e.remove("f0");
        e.remove("f17");
        e.remove("f39");
        e.set("f5", "five");          // replacing keeps the place
        e.set("f17", true);           // re-adding goes to the end
        expected.remove("f0");
        expected.remove("f17");
        expected.remove("f39");
        expected.add("f17");

        assertThat(e.fieldNames()).containsExactlyElementsOf(expected);
        assertThat(e.size()).isEqualTo(38);
        assertThat(e.get("f5")).isEqualTo("five");
        assertThat(e.get("f17")).isEqualTo(true);
        assertThat(e.getLong("f38")).isEqualTo(38L);
        assertThat(e.has("f0")).isFalse();
        assertThat(e.get("f39")).isNull();
        assertThat(e.fields()).containsEntry("f1", 1L).doesNotContainKey("f0").hasSize(38);
    }

    @Test
    void set_whenNameIsAnEqualButDistinctString_findsTheSameField() {
        Event e = new Event().set("host", "a");
        String sameName = new String("host".toCharArray());

        e.set(sameName, "b");

        assertThat(e.size()).isEqualTo(1);
        assertThat(e.getString("host")).isEqualTo("b");
    }

    @Test
    void setIfAbsent_whenFieldPresent_keepsItsValueAndPlace() {
        Event e = new Event().set("a", "1").set("Hostname", "from-input");

        boolean addedHost = e.setIfAbsent("Hostname", "from-host");
        boolean addedType = e.setIfAbsent("SourceModuleType", "im_file");

        assertThat(addedHost).isFalse();
        assertThat(addedType).isTrue();
        assertThat(e.getString("Hostname")).isEqualTo("from-input");
        assertThat(e.fieldNames()).containsExactly("a", "Hostname", "SourceModuleType");
    }

    @Test
    void set_whenValueIsNullOrNarrowType_removesOrWidens() {
        Event e = new Event().set("n", 7).set("f", 1.5f).set("gone", "x").set("gone", null);

        assertThat(e.get("n")).isEqualTo(7L);
        assertThat(e.get("f")).isEqualTo(1.5d);
        assertThat(e.has("gone")).isFalse();
        assertThatThrownBy(() -> e.set("bad", new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad");
    }

    @Test
    void copy_whenOriginalChangesAfterwards_isIndependent() {
        Instant t = Instant.parse("2026-11-23T00:00:00Z");
        Event a = Event.ofRaw("line").set("t", t).position(new Position("s", "1"));

        Event b = a.copy();
        a.set("raw_event", "changed").set("extra", 1L).remove("t");
        b.set("only_b", "y");

        assertThat(b.raw()).isEqualTo("line");
        assertThat(b.getTime("t")).isEqualTo(t);
        assertThat(b.has("extra")).isFalse();
        assertThat(a.has("only_b")).isFalse();
        assertThat(b.position()).isEqualTo(new Position("s", "1"));
        assertThat(b.fields()).containsExactly(Map.entry("raw_event", "line"), Map.entry("t", t),
                Map.entry("only_b", "y"));
    }

    @Test
    void fields_whenModifiedThroughTheView_refuses() {
        Event e = Event.ofRaw("x");

        assertThatThrownBy(() -> e.fields().put("y", "z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.fieldNames().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e.toString()).isEqualTo("Event{raw_event=x}");
    }
}
