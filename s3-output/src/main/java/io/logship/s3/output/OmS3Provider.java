package io.logship.s3.output;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.s3.S3Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** {@code om_s3} (alias {@code om_amazons3}): ships events to S3 per event or in compressed batches. */
public final class OmS3Provider implements ModuleProvider {
    static final Directive<String> SERVER = Directive.string("Server").withDefaultText("the host name")
            .withDoc("The {server} part of keys (made safe: characters outside A-Za-z0-9._- become _).");
    static final Directive<String> KEY_FORMAT = Directive.string("KeyFormat").withDefault(KeyFormat.DEFAULT)
            .withCheck(v -> KeyFormat.parse(v, "s", "00000000", ""))
            .withDoc("Object key template: {server} {date} {time} {yyyy} {MM} {dd} {HH} {mm} {ss} {SSS} (UTC),"
                    + " {seq} / {seq:N} (zero-padded sequence, never repeats), {writer}, {uuid}, {random}, {ext}.");
    static final Directive<String> ENCODING = Directive.choice("Encoding", "raw", "json").withDefault("raw")
            .withDoc("raw: the raw_event field, one line per event; json: every field as one JSON object per"
                    + " line (typed, see EventJson), readable by im_s3 Decoding json.");
    static final Directive<String> COMPRESSION = Directive.choice("Compression", "none", "gzip", "zstd")
            .withDefaultText("gzip; none with MaxEventsPerObject 1")
            .withDoc("Object compression; sets Content-Encoding and the {ext} key suffix. Without this line"
                    + " batched objects are gzip, and one-event objects (MaxEventsPerObject 1) are plain text"
                    + " under keys without a suffix, as the original s3_write.py wrote them.");
    static final Directive<Long> COMPRESSION_LEVEL = Directive.integer("CompressionLevel")
            .withDefaultText("6 for gzip, 3 for zstd").withDoc("gzip 1-9, zstd 1-19.");
    static final Directive<Long> MAX_EVENTS_PER_OBJECT = Directive.integer("MaxEventsPerObject")
            .withDefault(1_000_000L).withCheck(n -> positive(n, "MaxEventsPerObject"))
            .withDoc("Events per object at most; 1 writes one object per event (the original s3_write.py layout:"
                    + " no trailing newline, uncompressed unless a Compression line says otherwise).");
    static final Directive<Long> MAX_OBJECT_SIZE = Directive.size("MaxObjectSize").withDefault(128L << 20).withDefaultText("128M")
            .withCheck(n -> positive(n, "MaxObjectSize"))
            .withDoc("Uncompressed bytes per object at most (an object is closed before it would exceed it).");
    static final Directive<Duration> FLUSH_INTERVAL = Directive.duration("FlushInterval")
            .withDefault(Duration.ofSeconds(30))
            .withCheck(d -> {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("must be positive");
                }
            })
            .withDoc("An object is closed and uploaded at the latest this long after its first event.");
    static final Directive<Long> PART_SIZE = Directive.size("PartSize").withDefault(8L << 20).withDefaultText("8M")
            .withCheck(n -> {
                if (n < (5L << 20) || n > (5L << 30)) {
                    throw new IllegalArgumentException("must be between 5M and 5G (S3 multipart limits)");
                }
            })
            .withDoc("Objects larger than this go up as multipart uploads (the AWS SDK's multipart client) in"
                    + " parts of this size (larger if an object would need more than 10,000), read from the spool"
                    + " file, two parts at a time.");
    static final Directive<Long> UPLOAD_CONCURRENCY = Directive.integer("UploadConcurrency").withDefault(8L)
            .withCheck(n -> {
                if (n < 1 || n > 256) {
                    throw new IllegalArgumentException("must be between 1 and 256");
                }
            })
            .withDoc("Uploads in flight at most: objects in batched mode, single events in per-event mode (where"
                    + " each spool segment of up to 64 events is uploaded concurrently).");
    static final Directive<String> SERVER_SIDE_ENCRYPTION = Directive.choice("ServerSideEncryption",
                    "none", "AES256", "aws:kms").withDefault("none")
            .withDoc("x-amz-server-side-encryption of new objects; aws:kms with KmsKeyId or the AWS managed key.");
    static final Directive<String> KMS_KEY_ID = Directive.string("KmsKeyId")
            .withDoc("The KMS key (id, alias or ARN) for ServerSideEncryption aws:kms.");
    static final Directive<String> STORAGE_CLASS = Directive.string("StorageClass")
            .withCheck(v -> {
                if (StorageClass.fromValue(v.toUpperCase(Locale.ROOT)) == StorageClass.UNKNOWN_TO_SDK_VERSION) {
                    throw new IllegalArgumentException("unknown storage class; one of " + StorageClass.knownValues());
                }
            })
            .withDefaultText("the bucket's default (STANDARD)")
            .withDoc("Storage class of new objects, e.g. STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR.");
    static final Directive<Path> SPOOL_DIR = Directive.path("SpoolDir")
            .withDefaultText("SpoolDir/om_s3-INSTANCE (global SpoolDir)")
            .withDoc("Where events wait until they are in S3; kept across restarts; one directory per instance.");
    static final Directive<Long> SPOOL_MAX_SIZE = Directive.size("SpoolMaxSize").withDefault(1L << 30).withDefaultText("1G")
            .withCheck(n -> positive(n, "SpoolMaxSize"))
            .withDoc("Bytes the spool may hold; when full, write blocks (inputs slow down), nothing is dropped.");
    static final Directive<Duration> RETRY_INTERVAL = Directive.duration("RetryInterval")
            .withDefault(Duration.ofSeconds(1))
            .withDoc("First wait after a failed upload; doubles per consecutive failure up to MaxRetryInterval.");
    static final Directive<Duration> MAX_RETRY_INTERVAL = Directive.duration("MaxRetryInterval")
            .withDefault(Duration.ofSeconds(60))
            .withDoc("Longest wait between upload attempts (also for errors that need a fix, such as AccessDenied).");
    static final Directive<Duration> STOP_TIMEOUT = Directive.duration("StopTimeout")
            .withDefault(Duration.ofSeconds(30))
            .withDoc("At stop, how long to keep uploading the spool before leaving the rest for the next start"
                    + " (stop does not wait when uploads are failing).");

    private static final List<Directive<?>> OWN = List.of(SERVER, KEY_FORMAT, ENCODING, COMPRESSION,
            COMPRESSION_LEVEL, MAX_EVENTS_PER_OBJECT, MAX_OBJECT_SIZE, FLUSH_INTERVAL, PART_SIZE, UPLOAD_CONCURRENCY,
            SERVER_SIDE_ENCRYPTION, KMS_KEY_ID, STORAGE_CLASS, SPOOL_DIR, SPOOL_MAX_SIZE, RETRY_INTERVAL,
            MAX_RETRY_INTERVAL, STOP_TIMEOUT);

    @Override
    public String name() {
        return "om_s3";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("om_amazons3");
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.OUTPUT;
    }

    @Override
    public String description() {
        return "Writes events to Amazon S3 or an S3-compatible store, one object per event or in compressed"
                + " batches, through a disk spool";
    }

    @Override
    public List<Directive<?>> directives() {
        List<Directive<?>> all = new ArrayList<>(S3Settings.directives());
        all.addAll(OWN);
        return List.copyOf(all);
    }

    @Override
    public Module create(ModuleConfig c) throws ConfigException {
        List<String> problems = new ArrayList<>();
        S3Settings s3 = null;
        try {
            s3 = S3Settings.from(c);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        long events = c.get(MAX_EVENTS_PER_OBJECT);
        // One object per event is the original layout, read as is by the original s3_read.py: no gzip
        // unless asked for. Batches are gzip unless said otherwise.
        String compressionName = c.getIfSet(COMPRESSION).orElse(events == 1 ? "none" : "gzip");
        Codec.Compression compression = Codec.Compression.valueOf(compressionName.toUpperCase(Locale.ROOT));
        int level = Codec.defaultLevel(compression);
        if (c.isSet(COMPRESSION_LEVEL)) {
            long l = c.get(COMPRESSION_LEVEL);
            switch (compression) {
                case NONE -> problems.add(c.problem(COMPRESSION_LEVEL, "needs Compression gzip or zstd").getMessage());
                case GZIP -> {
                    if (l < 1 || l > 9) {
                        problems.add(c.problem(COMPRESSION_LEVEL, "gzip levels are 1 to 9").getMessage());
                    }
                }
                case ZSTD -> {
                    if (l < 1 || l > 19) {
                        problems.add(c.problem(COMPRESSION_LEVEL, "zstd levels are 1 to 19").getMessage());
                    }
                }
            }
            level = (int) l;
        }
        String sse = c.get(SERVER_SIDE_ENCRYPTION);
        if (c.isSet(KMS_KEY_ID) && !"aws:kms".equals(sse)) {
            problems.add(c.problem(KMS_KEY_ID, "is only used with ServerSideEncryption aws:kms").getMessage());
        }
        long maxObject = c.get(MAX_OBJECT_SIZE);
        long spoolMax = c.get(SPOOL_MAX_SIZE);
        if (events > 1 && spoolMax < maxObject) {
            problems.add(c.problem(SPOOL_MAX_SIZE, "is smaller than MaxObjectSize (" + maxObject
                    + " bytes): one object must fit in the spool").getMessage());
        }
        if (c.get(MAX_RETRY_INTERVAL).compareTo(c.get(RETRY_INTERVAL)) < 0) {
            problems.add(c.problem(MAX_RETRY_INTERVAL, "is shorter than RetryInterval").getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Path spoolDir = c.getIfSet(SPOOL_DIR)
                .orElse(c.spoolDir().resolve("om_s3-" + KeyFormat.safeSegment(c.instanceName())));
        boolean perEvent = events == 1;
        Codec codec = new Codec(Codec.Encoding.valueOf(c.get(ENCODING).toUpperCase(Locale.ROOT)), compression, level,
                perEvent);
        String storageClass = c.getIfSet(STORAGE_CLASS).map(v -> v.toUpperCase(Locale.ROOT)).orElse(null);
        OutputSettings o = new OutputSettings(c.instanceName(), s3, c.get(SERVER), c.get(KEY_FORMAT), codec,
                events, maxObject, c.get(FLUSH_INTERVAL), c.get(PART_SIZE), c.get(UPLOAD_CONCURRENCY).intValue(),
                "none".equals(sse) ? null : "aes256".equals(sse) ? "AES256" : sse, c.get(KMS_KEY_ID), storageClass, spoolDir, spoolMax,
                c.get(RETRY_INTERVAL), c.get(MAX_RETRY_INTERVAL), c.get(STOP_TIMEOUT));
        return new S3Output(o);
    }

    private static void positive(long n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
    }
}
