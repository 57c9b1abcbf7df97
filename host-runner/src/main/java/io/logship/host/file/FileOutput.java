package io.logship.host.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.api.Event;
import io.logship.api.LogshipException;
import io.logship.api.Metrics;
import io.logship.api.ModuleContext;
import io.logship.api.OutputModule;
import io.logship.api.RetriableException;
import io.logship.lang.json.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * om_file: buffered appends of {@code raw_event + "\n"}; {@link #flush} writes the buffer and forces it to
 * disk. Exceptions are only thrown before an event is accepted, so the host's retry of the same event never
 * writes it twice.
 */
final class FileOutput implements OutputModule {
    static final int BUFFER_SIZE = 256 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final String instance;
    private final Path file;
    private final boolean createDir;
    private final boolean sync;
    private final boolean truncate;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    /** An event larger than the buffer that was accepted but not completely written yet. */
    private ByteBuffer pending;
    private FileChannel channel;
    private Object fileKey;
    private boolean dirty;
    private Logger log = LoggerFactory.getLogger(FileOutput.class);
    private Metrics.Counter cEvents;
    private Metrics.Counter cBytes;
    private long nEvents;
    private long nBytes;

    FileOutput(String instance, Path file, boolean createDir, boolean sync, boolean truncate) {
        this.instance = instance;
        this.file = file;
        this.createDir = createDir;
        this.sync = sync;
        this.truncate = truncate;
    }

    Path file() {
        return file;
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        log = context.logger();
        cEvents = context.metrics().counter("events");
        cBytes = context.metrics().counter("bytes");
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            if (!createDir) {
                throw new LogshipException("om_file " + instance + ": the directory " + dir + " of File " + file
                        + " does not exist (create it, or set CreateDir TRUE)");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new LogshipException("om_file " + instance + ": cannot create the directory " + dir
                        + " of File " + file + ": " + e, e);
            }
        }
        if (Files.isDirectory(file)) {
            throw new LogshipException("om_file " + instance + ": File " + file + " is a directory");
        }
        try {
            open(truncate);
        } catch (IOException e) {
            throw new LogshipException("om_file " + instance + ": cannot open " + file + " for writing: " + e, e);
        }
    }

    private void open(boolean truncateNow) throws IOException {
        boolean existed = Files.exists(file);
        if (existed && !truncateNow) {
            dropTornLastLine();
        }
        channel = truncateNow
                ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
        fileKey = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        if (!existed) {
            syncDirectory();
        }
    }

    /**
     * A file that does not end with a newline was cut in the middle of a write (SIGKILL or power loss can
     * interrupt a write between pages). Those bytes belong to events that were never flushed, so never
     * committed: the input delivers them again in full. Cut the fragment off so they do not end up glued
     * to the front of the first re-delivered line.
     */
    private void dropTornLastLine() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long end = size;
            while (end > 0) {
                long start = Math.max(0, end - chunk.capacity());
                chunk.clear().limit((int) (end - start));
                while (chunk.hasRemaining() && ch.read(chunk, start + chunk.position()) >= 0) {
                    // fill the chunk
                }
                for (int i = chunk.position() - 1; i >= 0; i--) {
                    if (chunk.get(i) == '\n') {
                        long keep = start + i + 1;
                        if (keep < size) {
                            truncateTo(ch, keep, size);
                        }
                        return;
                    }
                }
                end = start;
            }
            truncateTo(ch, 0, size);
        }
    }

    private void truncateTo(FileChannel ch, long keep, long size) throws IOException {
        log.warn("{}: {} ended with {} byte(s) of a line cut off by a crash; removing them (those events were "
                + "not committed and are delivered again in full)", instance, file, size - keep);
        ch.truncate(keep);
        ch.force(false);
    }

    /** Makes a newly created file's directory entry durable (Linux allows fsync on a directory). */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            log.debug("{}: cannot fsync directory {}: {}", instance, file.getParent(), e.toString());
        }
    }

    @Override
    public void write(Event event) throws LogshipException {
        ensureOpen();
        drainPending();
        String text = event.raw();
        if (text == null) {
            text = toJson(event);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int need = bytes.length + 1;
        if (need > buffer.remaining()) {
            drainBuffer();
        }
        if (need <= buffer.remaining()) {
            buffer.put(bytes).put((byte) '\n');
        } else {
            ByteBuffer big = ByteBuffer.allocate(need);
            big.put(bytes).put((byte) '\n').flip();
            pending = big;
            try {
                drainPending();
            } catch (LogshipException e) {
                log.warn("{}: writing to {} failed, will retry: {}", instance, file, e.getMessage());
            }
        }
        dirty = true;
        nEvents++;
        nBytes += need;
        if (sync) {
            try {
                drainBuffer();
                channel.force(false);
                dirty = false;
            } catch (LogshipException e) {
                log.warn("{}: sync of {} failed, will retry at the next write or flush: {}", instance, file,
                        e.getMessage());
            } catch (IOException e) {
                log.warn("{}: fsync of {} failed, will retry at the next write or flush: {}", instance, file,
                        e.toString());
            }
        }
    }

    @Override
    public void flush() throws LogshipException {
        ensureOpen();
        drainPending();
        drainBuffer();
        if (dirty) {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new RetriableException("om_file " + instance + ": fsync of " + file + " failed: " + e, e);
            }
            dirty = false;
        }
        if (cEvents != null && nEvents > 0) {
            cEvents.add(nEvents);
            cBytes.add(nBytes);
            nEvents = 0;
            nBytes = 0;
        }
        reopenIfMoved();
    }

    /** After a flush: if the file was renamed or deleted (rotated by another tool), start a new one at File. */
    private void reopenIfMoved() throws LogshipException {
        Object key;
        try {
            key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            key = null;
        }
        if (key != null && key.equals(fileKey)) {
            return;
        }
        log.info("{}: {} was moved or deleted; opening a new file there", instance, file);
        closeChannel();
        try {
            open(false);
        } catch (IOException e) {
            throw new RetriableException("om_file " + instance + ": cannot reopen " + file + ": " + e, e);
        }
    }

    private void ensureOpen() throws LogshipException {
        if (channel == null) {
            try {
                open(false);
            } catch (IOException e) {
                throw new RetriableException("om_file " + instance + ": cannot open " + file + ": " + e, e);
            }
        }
    }

    private void drainPending() throws LogshipException {
        if (pending == null) {
            return;
        }
        writeFully(pending);
        pending = null;
    }

    private void drainBuffer() throws LogshipException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.compact();
        }
    }

    private void writeFully(ByteBuffer bb) throws LogshipException {
        try {
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
        } catch (IOException e) {
            throw new RetriableException("om_file " + instance + ": write to " + file + " failed: " + e, e);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
            channel = null;
        }
    }

    @Override
    public void stop() throws LogshipException {
        try {
            if (channel != null) {
                flush();
            }
        } finally {
            closeChannel();
        }
    }

    /**
     * The text form of an event without raw_event: one JSON object of its fields, values as to_json() writes them
     * ({@link JsonValues}: datetimes in NXLog's local-time format, binary as hex).
     */
    static String toJson(Event e) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> f : e.fields().entrySet()) {
                g.writeFieldName(f.getKey());
                JsonValues.write(g, f.getValue());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a StringWriter does not fail
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "om_file[" + instance + ": " + file + "]";
    }
}
