package io.logship.host.runtime;

import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.host.runtime.TestModules.ListInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent {@link BufferCrashIT} kills: {@code in => buf (pm_buffer Disk) => out}, the input posting "x-N"
 * with positions, the output appending lines to {@code out.log} and fsyncing at each flush.
 * Args: DIR, {@code slow} (run until killed, the output taking 200 us per event) or {@code once} (fast, --once).
 */
public final class BufferCrashDriver {
    private BufferCrashDriver() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        boolean once = args[1].equals("once");
        int total = Integer.parseInt(args[2]);
        TestPipeline p = new TestPipeline(dir)
                .input("in", new ListInput("x", total, 500, Duration.ofMillis(10), new CopyOnWriteArrayList<>()))
                .buffer("buf", "Type", "Disk", "MaxSize", "8192")
                .output("out", new LinesOutput(dir.resolve("out.log"), once ? 0 : 200_000))
                .route(List.of("in"), List.of("buf"), List.of("out"));
        Agent agent = new Agent(p.build(), TestPipeline.options());
        System.exit(once ? agent.runOnce() : agent.runUntilStopped());
    }

    /** Appends raw_event lines to a file; flush fsyncs. A partial last line (a crash) is ended at start. */
    static final class LinesOutput implements OutputModule {
        private final Path file;
        private final long nanosPerWrite;
        private FileChannel ch;

        LinesOutput(Path file, long nanosPerWrite) {
            this.file = file;
            this.nanosPerWrite = nanosPerWrite;
        }

        @Override
        public void start(ModuleContext context) throws LogshipException {
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                long size = ch.size();
                ch.position(size);
                if (size > 0) {
                    ByteBuffer last = ByteBuffer.allocate(1);
                    ch.read(last, size - 1);
                    if (last.get(0) != '\n') {
                        ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
                    }
                }
            } catch (IOException e) {
                throw new LogshipException(e.toString(), e);
            }
        }

        @Override
        public void write(Event event) throws LogshipException {
            if (nanosPerWrite > 0) {
                LockSupport.parkNanos(nanosPerWrite); // a slow destination, not a synchronisation
            }
            try {
                ByteBuffer b = ByteBuffer.wrap((event.raw() + "\n").getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            } catch (IOException e) {
                throw new LogshipException(e.toString(), e);
            }
        }

        @Override
        public void flush() throws LogshipException {
            try {
                ch.force(false);
            } catch (IOException e) {
                throw new LogshipException(e.toString(), e);
            }
        }

        @Override
        public void stop() throws LogshipException {
            try {
                ch.close();
            } catch (IOException e) {
                throw new LogshipException(e.toString(), e);
            }
        }
    }
}
