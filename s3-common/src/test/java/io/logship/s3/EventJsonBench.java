package io.logship.s3;

import io.logship.api.Event;
import io.logship.api.support.JsonText;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU per event of {@link EventJson} (jackson-core) against a hand-written writer of the same format (om_file's,
 * on {@link JsonText}, plus the {@value EventJson#TYPES} member), on syslog-like events of six fields (about
 * 260 bytes of JSON). Checks first that both write the same bytes, then times rounds of COUNT events each way,
 * interleaved, in thread CPU time (robust on a shared machine). Not a test: run by hand with
 * {@code java -cp <test classpath> io.logship.s3.EventJsonBench [COUNT]}; later rounds are the warm figures.
 */
public final class EventJsonBench {
    private EventJsonBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Event[] events = new Event[1024];
        for (int i = 0; i < events.length; i++) {
            events[i] = new Event()
                    .set("raw_event", "<34>Oct 11 22:14:15 mymachine su[" + i + "]: 'su root' failed for lonvick on"
                            + " /dev/pts/8 \"quoted\" path\\x")
                    .set("Hostname", "mymachine.example.com").set("SourceName", "su").set("ProcessID", (long) i)
                    .set("SeverityValue", 2L)
                    .set("EventReceivedTime", Instant.ofEpochSecond(1_790_000_000L + i, 123_000_000));
        }
        ByteArrayOutputStream scratch = new ByteArrayOutputStream(512);
        for (Event e : events) {
            scratch.reset();
            EventJson.encode(e, scratch);
            if (!scratch.toString(StandardCharsets.UTF_8).equals(handWritten(e))) {
                throw new AssertionError("different bytes:\n" + scratch + "\n" + handWritten(e));
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 8; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < count; i++) {
                scratch.reset();
                EventJson.encode(events[i & 1023], scratch);   // as om_s3's Codec does
                sink += scratch.toByteArray().length;
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < count; i++) {
                sink += handWritten(events[i & 1023]).getBytes(StandardCharsets.UTF_8).length;
            }
            long t2 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: jackson-core %.0f ns CPU/event, hand-written %.0f ns CPU/event%n", round,
                    (t1 - t0) / (double) count, (t2 - t1) / (double) count);
        }
        System.out.println("(checksum " + sink + ")");
    }

    /** om_file's writer (FileOutput.toJson) with the types member added: the hand-written way. */
    static String handWritten(Event e) {
        StringBuilder sb = new StringBuilder(128).append('{');
        Map<String, String> types = new LinkedHashMap<>();
        boolean first = true;
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonText.quote(sb, f.getKey()).append(':');
            Object v = f.getValue();
            if (v instanceof Long || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                sb.append(d);
            } else if (v instanceof Double d) {
                JsonText.quote(sb, d.toString());
                types.put(f.getKey(), "float");
            } else if (v instanceof Instant t) {
                JsonText.quote(sb, t.toString());
                types.put(f.getKey(), "datetime");
            } else if (v instanceof byte[] b) {
                JsonText.quote(sb, Base64.getEncoder().encodeToString(b));
                types.put(f.getKey(), "binary");
            } else {
                JsonText.quote(sb, String.valueOf(v));
            }
        }
        if (!types.isEmpty()) {
            sb.append(",\"").append(EventJson.TYPES).append("\":{");
            boolean firstType = true;
            for (Map.Entry<String, String> t : types.entrySet()) {
                if (!firstType) {
                    sb.append(',');
                }
                firstType = false;
                JsonText.quote(sb, t.getKey()).append(':');
                JsonText.quote(sb, t.getValue());
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }
}
