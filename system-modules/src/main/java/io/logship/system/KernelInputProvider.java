package io.logship.system;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code im_kernel}: the Linux kernel log. */
public final class KernelInputProvider implements ModuleProvider {
    static final Directive<Path> DEVICE_FILE = Directive.path("DeviceFile").withDefault(Path.of("/dev/kmsg"))
            .withDoc("Where the kernel log is read: /dev/kmsg (default; records with sequence numbers and "
                    + "timestamps), or /proc/kmsg (<PRI>message lines, as NXLog's klogctl reading gives them).");
    static final Directive<Duration> POLL_INTERVAL = Directive.duration("PollInterval")
            .withDefault(Duration.ofSeconds(1))
            .withDoc("How long a read waits before looking again when no record was waiting (NXLog's default, 1).");

    @Override
    public String name() {
        return "im_kernel";
    }

    /** {@code FlowControl FALSE} drops (counted) rather than waits: the kernel ring overwrites what is not read. */
    @Override
    public boolean mayDropWhenFull() {
        return true;
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "The Linux kernel log from /dev/kmsg as syslog-like events (needs root).";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(DEVICE_FILE, POLL_INTERVAL);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        return new KernelInput(config.instanceName(), config.get(DEVICE_FILE), config.get(POLL_INTERVAL),
                bootId(), bootTime());
    }

    /** This boot's id (positions of an earlier boot do not apply), or "boot" when the kernel does not say. */
    static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException | RuntimeException e) {
            return "boot";
        }
    }

    /** When the system booted (now minus /proc/uptime), or null when unknown. */
    static Instant bootTime() {
        try {
            String up = Files.readString(Path.of("/proc/uptime")).strip().split("\\s+")[0];
            long micros = (long) (Double.parseDouble(up) * 1_000_000);
            return Instant.now().minusNanos(micros * 1000);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
