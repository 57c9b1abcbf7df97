package io.logship.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestInputContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelInputTest {
    @TempDir
    Path tmp;

    // the first three are the examples of the kernel's Documentation/ABI/testing/dev-kmsg
    private static final String SAMPLE = "7,160,424069,-;pci_root PNP0A03:00: host bridge window [io  "
            + "0x0000-0x0cf7] (ignored)\n SUBSYSTEM=acpi\n DEVICE=+acpi:PNP0A03:00\n"
            + "6,339,5140900,-;NET: Registered protocol family 10\n"
            + "30,340,5690716,-;udevd[80]: starting version 181\n";

    @Test
    void parse_devKmsgRecordWithDictionary() {
        KmsgRecord r = KmsgParser.parse("7,160,424069,-;pci_root PNP0A03:00: host bridge window [io  "
                + "0x0000-0x0cf7] (ignored)", List.of(" SUBSYSTEM=acpi", " DEVICE=+acpi:PNP0A03:00"));
        assertThat(r.priority()).isEqualTo(7);
        assertThat(r.facilityName()).isEqualTo("KERN");
        assertThat(r.severityName()).isEqualTo("DEBUG");
        assertThat(r.sequence()).isEqualTo(160);
        assertThat(r.micros()).isEqualTo(424069);
        assertThat(r.message()).isEqualTo("pci_root PNP0A03:00: host bridge window [io  0x0000-0x0cf7] (ignored)");
        assertThat(r.dict()).containsExactlyInAnyOrderEntriesOf(
                Map.of("SUBSYSTEM", "acpi", "DEVICE", "+acpi:PNP0A03:00"));
    }

    @Test
    void parse_userSpaceFacilityAndNewerPrefixFields() {
        KmsgRecord r = KmsgParser.parse("30,340,5690716,-;udevd[80]: starting version 181", List.of());
        assertThat(r.facility()).isEqualTo(3);
        assertThat(r.facilityName()).isEqualTo("DAEMON");
        assertThat(r.severityName()).isEqualTo("INFO");
        assertThat(r.raw()).isEqualTo("<30>udevd[80]: starting version 181");
        KmsgRecord caller = KmsgParser.parse("4,1201,99000,-,caller=T42;usb 1-1: device not accepting address",
                List.of());
        assertThat(caller.message()).isEqualTo("usb 1-1: device not accepting address");
        assertThat(caller.nxlogSeverity()).isEqualTo("WARNING");
        assertThat(caller.nxlogSeverityValue()).isEqualTo(3);
    }

    @Test
    void parse_procKmsgFormOfNxlogsSample() {
        KmsgRecord r = KmsgParser.parse("<6>Some message from the kernel.", List.of());
        assertThat(r.priority()).isEqualTo(6);
        assertThat(r.message()).isEqualTo("Some message from the kernel.");
        assertThat(r.sequence()).isEqualTo(-1);
        assertThat(r.raw()).isEqualTo("<6>Some message from the kernel.");
    }

    @Test
    void parse_decodesEscapesAndRejectsGarbageSayingWhy() {
        assertThat(KmsgParser.parse("6,1,2,-;a\\x09tab, a \\x5c and \\xZZ", List.of()).message())
                .isEqualTo("a\ttab, a \\ and \\xZZ");
        assertThatThrownBy(() -> KmsgParser.parse("hello kernel", List.of()))
                .hasMessageContaining("neither <PRI>message nor PRI,SEQ,USEC,FLAGS;message");
        assertThatThrownBy(() -> KmsgParser.parse("x,1,2,-;m", List.of()))
                .hasMessageContaining("priority 'x' is not a number");
        assertThatThrownBy(() -> KmsgParser.parse("6,1;m", List.of()))
                .hasMessageContaining("not at least PRI,SEQ,USEC");
    }

    /** /dev/kmsg's way: one record per read, and EPIPE when the kernel overwrote unread records. */
    @Test
    void reader_oneRecordPerReadAndOverrunsGoOn() throws Exception {
        Deque<Object> reads = new ArrayDeque<>(List.of(
                "7,160,424069,-;pci_root\n SUBSYSTEM=acpi\n", new IOException("Broken pipe"),
                "6,339,5140900,-;NET: Registered protocol family 10\n"));
        InputStream device = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Object next = reads.poll();
                if (next == null) {
                    return -1;
                }
                if (next instanceof IOException e) {
                    throw e;
                }
                byte[] rec = ((String) next).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(rec, 0, b, off, rec.length);
                return rec.length;
            }
        };
        List<String> got = new ArrayList<>();
        int[] overruns = {0};
        KmsgReader.pump(device, new KmsgReader.Sink() {
            @Override
            public void record(String header, List<String> continuation) {
                got.add(header + continuation);
            }

            @Override
            public void overrun() {
                overruns[0]++;
            }
        });
        assertThat(got).containsExactly("7,160,424069,-;pci_root[ SUBSYSTEM=acpi]",
                "6,339,5140900,-;NET: Registered protocol family 10[]");
        assertThat(overruns[0]).isEqualTo(1);
    }

    private KernelInput input(Path device) throws Exception {
        KernelInputProvider p = new KernelInputProvider();
        KernelInput k = (KernelInput) p.create(ModuleConfigs.of(p, "kernel", tmp, tmp, tmp,
                "DeviceFile", device.toString(), "PollInterval", "0.1"));
        return k;
    }

    private static void readUntil(KernelInput k, TestInputContext ctx, int events) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ctx.events.size() < events) {
            assertThat(System.nanoTime()).as("events in time").isLessThan(deadline);
            k.read(ctx);
        }
    }

    @Test
    void read_fromADeviceFile_postsSyslogLikeFieldsWithPositions_andSkipsWhatWasCommitted() throws Exception {
        Path dev = tmp.resolve("kmsg");
        Files.writeString(dev, SAMPLE + "garbage line\n");
        KernelInput k = input(dev);
        TestInputContext ctx = new TestInputContext("im_kernel", "kernel", tmp);
        k.start(ctx);
        readUntil(k, ctx, 4);
        k.stop();

        Event first = ctx.events.get(0);
        assertThat(first.raw()).isEqualTo("<7>pci_root PNP0A03:00: host bridge window [io  0x0000-0x0cf7] (ignored)");
        assertThat(first.get("SyslogFacilityValue")).isEqualTo(0L);
        assertThat(first.get("SyslogFacility")).isEqualTo("KERN");
        assertThat(first.get("SyslogSeverityValue")).isEqualTo(7L);
        assertThat(first.get("SyslogSeverity")).isEqualTo("DEBUG");
        assertThat(first.get("SeverityValue")).isEqualTo(1L);
        assertThat(first.get("Severity")).isEqualTo("DEBUG");
        assertThat(first.get("SourceName")).isEqualTo("kernel");
        assertThat(first.get("KernelSequence")).isEqualTo(160L);
        assertThat(first.get("KernelUptimeMicros")).isEqualTo(424069L);
        assertThat(first.get("SUBSYSTEM")).isEqualTo("acpi");
        assertThat(first.getTime("EventTime")).isBefore(Instant.now());
        String boot = KernelInputProvider.bootId();
        assertThat(first.position().value()).isEqualTo(boot + ":160");
        assertThat(ctx.events.get(2).get("SyslogFacility")).isEqualTo("DAEMON");
        Event garbage = ctx.events.get(3);
        assertThat(garbage.raw()).isEqualTo("garbage line");
        assertThat(garbage.position()).isNull();
        assertThat(ctx.counter("kernel.unparsed")).isEqualTo(1);

        TestInputContext next = ctx.restart();
        next.committed.put("", boot + ":339");
        KernelInput again = input(dev);
        again.start(next);
        readUntil(again, next, 2);
        again.stop();
        assertThat(next.raws()).containsExactly("<30>udevd[80]: starting version 181", "garbage line");
    }

    @Test
    void start_whenTheDeviceCannotBeRead_failsNamingItAndWhatItNeeds() throws Exception {
        TestInputContext ctx = new TestInputContext("im_kernel", "kernel", tmp);
        assertThatThrownBy(() -> input(tmp.resolve("no-kmsg")).start(ctx))
                .isInstanceOf(LogshipException.class)
                .hasMessageContaining("kernel: cannot read the kernel log from " + tmp.resolve("no-kmsg"))
                .hasMessageContaining("needs root");
        assertThatThrownBy(() -> input(tmp).start(ctx))
                .isInstanceOf(LogshipException.class).hasMessageContaining("it is a directory");
    }

    @Test
    void read_fromTheRealDevice_whenReadable() throws Exception {
        Path dev = Path.of("/dev/kmsg");
        Assumptions.assumeTrue(Files.isReadable(dev), "/dev/kmsg is not readable here");
        KernelInput k = input(dev);
        TestInputContext ctx = new TestInputContext("im_kernel", "kernel", tmp);
        try {
            k.start(ctx);
        } catch (LogshipException e) {
            Assumptions.abort("cannot open /dev/kmsg: " + e.getMessage());
        }
        try {
            readUntil(k, ctx, 1); // the ring buffer holds the boot messages
        } finally {
            k.stop();
        }
        assertThat(ctx.events.get(0).get("KernelSequence")).isInstanceOf(Long.class);
        assertThat(ctx.events.get(0).raw()).startsWith("<");
    }
}
