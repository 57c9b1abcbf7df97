package io.logship.system;

import io.logship.api.Event;
import io.logship.api.InputContext;
import io.logship.api.InputModule;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.Position;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;

/**
 * im_kernel: the Linux kernel log from {@code /dev/kmsg} (NXLog reads the kernel buffer with klogctl(2); the
 * device gives the same records with sequence numbers, timestamps and the KEY=VALUE dictionary). A reader thread
 * blocks on the device and hands records over through a bounded queue; each read posts what is there.
 *
 * <p>Fields: {@code $raw_event} as NXLog's im_kernel gives it ({@code <PRI>message}, which parse_syslog_bsd()
 * reads), {@code $Message}, xm_syslog's {@code $SyslogFacilityValue}, {@code $SyslogFacility},
 * {@code $SyslogSeverityValue}, {@code $SyslogSeverity}, NXLog's normalised {@code $SeverityValue} and
 * {@code $Severity}, {@code $SourceName} "kernel", {@code $EventTime} (boot time + the record's timestamp), and
 * logship's {@code $KernelSequence} and {@code $KernelUptimeMicros}; dictionary lines become fields by their
 * keys ({@code $SUBSYSTEM}, {@code $DEVICE}). The position is {@code boot-id:sequence}: after a restart in the
 * same boot, records already committed are skipped.
 */
final class KernelInput implements InputModule {
    private static final int BATCH = 1000;

    private record Unparsed(String line, String why) {
    }

    private final String instance;
    private final Path device;
    private final Duration pollInterval;
    private final String bootId;
    private final Instant bootTime;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4096);
    private volatile InputStream in;
    private volatile boolean stopping;
    private Logger logger;
    private long skipThrough = -1;
    private boolean positioned;
    private Metrics.Counter unparsed;
    private Metrics.Counter overruns;

    KernelInput(String instance, Path device, Duration pollInterval, String bootId, Instant bootTime) {
        this.instance = instance;
        this.device = device;
        this.pollInterval = pollInterval;
        this.bootId = bootId;
        this.bootTime = bootTime;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
        unparsed = context.metrics().counter("kernel.unparsed");
        overruns = context.metrics().counter("kernel.overruns");
        if (Files.isDirectory(device)) {
            throw new LogshipException(instance + ": cannot read the kernel log from " + device + ": it is a "
                    + "directory (DeviceFile)");
        }
        try {
            in = new FileInputStream(device.toFile());
        } catch (IOException e) {
            throw new LogshipException(instance + ": cannot read the kernel log from " + device + ": "
                    + e.getMessage() + ". Reading it needs root (or CAP_SYSLOG when kernel.dmesg_restrict is 1); "
                    + "run the agent as root or drop im_kernel", e);
        }
        Thread t = new Thread(this::pump, "logship-" + instance + "-kmsg");
        t.setDaemon(true);
        t.start();
        logger.info("{}: reading the kernel log from {}", instance, device);
    }

    private void pump() {
        try {
            KmsgReader.pump(in, new KmsgReader.Sink() {
                @Override
                public void record(String header, List<String> continuation) throws InterruptedException {
                    try {
                        queue.put(KmsgParser.parse(header, continuation));
                    } catch (IllegalArgumentException e) {
                        queue.put(new Unparsed(header, e.getMessage()));
                    }
                }

                @Override
                public void overrun() {
                    overruns.increment();
                    logger.warn("{}: the kernel overwrote log records before they were read; reading on", instance);
                }
            });
            if (!stopping) {
                logger.info("{}: end of {}", instance, device);
            }
        } catch (IOException e) {
            if (!stopping) {
                logger.error("{}: reading {} failed: {}; im_kernel reads nothing more", instance, device,
                        e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void read(InputContext context) throws InterruptedException {
        if (!positioned) {
            positioned = true;
            String committed = context.committedPosition().orElse(null);
            if (committed != null && committed.startsWith(bootId + ":")) {
                try {
                    skipThrough = Long.parseLong(committed.substring(bootId.length() + 1));
                    logger.info("{}: records up to {} were read before this start (this boot): skipped", instance,
                            skipThrough);
                } catch (NumberFormatException e) {
                    logger.warn("{}: committed position '{}' is not boot-id:sequence; reading everything",
                            instance, committed);
                }
            }
        }
        Object item = queue.poll();
        int n = 0;
        while (item != null && !stopping) {
            Event e = event(item);
            if (e != null && !context.post(e)) {
                return;
            }
            if (++n == BATCH) {
                break;
            }
            item = queue.poll();
        }
        context.scheduleRead(item == null ? pollInterval : Duration.ZERO);
    }

    /** The event of a record, or null for one committed before (skipped). */
    Event event(Object item) {
        if (item instanceof Unparsed u) {
            unparsed.increment();
            logger.debug("{}: kernel log line not parsed ({}): {}", instance, u.why(), u.line());
            return Event.ofRaw(u.line()).set("Message", u.line()).set("SourceName", "kernel");
        }
        KmsgRecord r = (KmsgRecord) item;
        if (r.sequence() >= 0 && r.sequence() <= skipThrough) {
            return null;
        }
        Event e = Event.ofRaw(r.raw())
                .set("Message", r.message())
                .set("SyslogFacilityValue", (long) r.facility())
                .set("SyslogFacility", r.facilityName())
                .set("SyslogSeverityValue", (long) r.severity())
                .set("SyslogSeverity", r.severityName())
                .set("SeverityValue", r.nxlogSeverityValue())
                .set("Severity", r.nxlogSeverity())
                .set("SourceName", "kernel");
        if (r.micros() >= 0) {
            e.set("KernelUptimeMicros", r.micros());
            if (bootTime != null) {
                e.set("EventTime", bootTime.plusNanos(r.micros() * 1000));
            }
        }
        if (r.sequence() >= 0) {
            e.set("KernelSequence", r.sequence());
            e.position(Position.of(bootId + ":" + r.sequence()));
        }
        for (Map.Entry<String, String> d : r.dict().entrySet()) {
            e.setIfAbsent(d.getKey(), d.getValue());
        }
        return e;
    }

    @Override
    public void stop() {
        stopping = true;
        try {
            InputStream s = in;
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // closing only
        }
        queue.clear();
    }

    @Override
    public String toString() {
        return "im_kernel " + instance + " (" + device + ")";
    }
}
