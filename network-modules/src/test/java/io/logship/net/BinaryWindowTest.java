package io.logship.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.api.Event;
import io.logship.api.Position;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryWindowTest {
    @Test
    void window_boundedByFramesAndBytes_cumulativeAckDropsUpToIt_resendKeepsSequences() {
        BinaryWindow w = new BinaryWindow(3, 1 << 20);
        byte[] f1 = w.add(Event.ofRaw("a"));
        w.add(Event.ofRaw("b"));
        w.add(Event.ofRaw("c"));
        assertThat(w.hasRoom(f1.length)).isFalse();
        assertThat(w.highestSequence()).isEqualTo(3);
        assertThat(w.acknowledge(2)).isEqualTo(2);
        assertThat(w.acknowledged()).isEqualTo(2);
        assertThat(w.hasRoom(f1.length)).isTrue();
        w.add(Event.ofRaw("d"));
        assertThat(w.unacknowledged()).extracting(BinaryFrames::sequenceOf).containsExactly(3L, 4L);
        assertThat(w.acknowledge(1)).as("an older ack drops nothing").isZero();
        assertThat(w.acknowledged()).isEqualTo(2);
        assertThat(w.acknowledge(4)).isEqualTo(2);
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.heldBytes()).isZero();

        BinaryWindow small = new BinaryWindow(100, 10);
        byte[] big = small.add(Event.ofRaw("more than ten octets"));
        assertThat(small.hasRoom(big.length)).as("byte budget").isFalse();
        assertThat(new BinaryWindow(100, 10).hasRoom(1000)).as("an empty window takes any frame").isTrue();
    }

    @Test
    void acks_onlyCommittedSequencesOfThisSession_skippedFramesCoveredOnceAllBeforeAreCommitted() {
        BinaryStreams streams = new BinaryStreams();
        BinaryAcks a = streams.open();
        BinaryAcks b = streams.open();
        assertThat(a.stream()).isEqualTo("binary#0");
        assertThat(b.stream()).isEqualTo("binary#1");
        Position p1 = a.posted(1);
        Position p2 = a.posted(2);
        a.skipped(3);
        Map<String, String> committed = new HashMap<>();
        assertThat(a.toAcknowledge(committed)).isZero();
        committed.put(p1.stream(), p1.value());
        assertThat(a.toAcknowledge(committed)).isEqualTo(1);
        assertThat(a.toAcknowledge(committed)).as("nothing new").isZero();
        committed.put(p2.stream(), p2.value());
        assertThat(a.toAcknowledge(committed)).as("2 committed, 3 skipped after it").isEqualTo(3);

        streams.close(a);
        BinaryAcks c = streams.open();
        assertThat(c.stream()).as("the slot is reused").isEqualTo("binary#0");
        assertThat(c.toAcknowledge(committed)).as("the earlier connection's value is not this one's").isZero();
        c.skipped(1);
        assertThat(c.toAcknowledge(committed)).as("only skipped frames: acknowledged at once").isEqualTo(1);
    }
}
