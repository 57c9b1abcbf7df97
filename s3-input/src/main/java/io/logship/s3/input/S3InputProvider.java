package io.logship.s3.input;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import io.logship.s3.S3Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code im_s3} (alias {@code im_amazons3}): reads log objects from an S3 bucket into events, streamed
 * and decompressed, in key order, once each, with positions the host commits end to end.
 */
public final class S3InputProvider implements ModuleProvider {
    static final Directive<String> PREFIX = Directive.string("Prefix").withDefault("")
            .withDoc("Only keys starting with this are listed (S3's Prefix, e.g. SERVER01/).");
    static final Directive<Duration> POLL_INTERVAL = Directive.duration("PollInterval")
            .withDefault(Duration.ofSeconds(30))
            .withCheck(d -> positive(d, "PollInterval"))
            .withDoc("How long to wait after a listing that found nothing new before listing again (a listing"
                    + " that found objects is followed at once by another).");
    static final Directive<Long> MAX_KEYS = Directive.integer("MaxKeys").withDefault(1000L)
            .withCheck(n -> range(n, 1, 1000))
            .withDoc("Keys per ListObjectsV2 page (1-1000).");
    static final Directive<Long> WORKERS = Directive.integer("Workers").withDefault(8L)
            .withCheck(n -> range(n, 1, 64))
            .withDoc("Objects downloaded and decoded in parallel ahead of the one being posted; events are"
                    + " still posted and positions committed in key order.");
    static final Directive<String> START_AFTER = Directive.string("StartAfter")
            .withDoc("On a first run (no committed position), start listing after this key.");
    static final Directive<String> MODIFIED_AFTER = Directive.string("ModifiedAfter")
            .withCheck(S3InputProvider::parseInstant)
            .withDoc("Skip objects last modified before this time (ISO-8601, e.g. 2026-01-31T00:00:00Z or"
                    + " 2026-01-31 for midnight UTC). Applies on every listing.");
    static final Directive<Boolean> READ_FROM_LAST = Directive.bool("ReadFromLast").withDefault(Boolean.FALSE)
            .withDoc("On a first run, take every object already in the bucket as read and read only objects"
                    + " that appear from now on.");
    static final Directive<String> INCLUDE = Directive.string("Include").repeatable()
            .withDoc("A key glob (* within a path segment, ** across /, ? one character) a key must match to"
                    + " be read; repeat for several. Unset: every key.");
    static final Directive<String> EXCLUDE = Directive.string("Exclude").repeatable()
            .withDoc("A key glob that keeps matching keys from being read; repeat for several.");
    static final Directive<String> DECODING = Directive.choice("Decoding", "lines", "json").withDefault("lines")
            .withDoc("lines: each line is one event's raw_event. json: each line is an event as om_s3"
                    + " Encoding json writes it, fields and types restored (a line that is not JSON becomes"
                    + " raw_event, counted).");
    static final Directive<Long> MAX_LINE_LENGTH = Directive.size("MaxLineLength").withDefault(1L << 20)
            .withCheck(n -> range(n, 16, 256L << 20))
            .withDoc("Longest line in bytes; a longer line is split into pieces of at most this size (each an"
                    + " event, counted and noted in the failed-objects list).");
    static final Directive<String> AFTER_READ = Directive.choice("AfterRead", "none", "delete", "move")
            .withDefault("none")
            .withDoc("What to do with an object once all its events are committed: leave it, delete it, or move"
                    + " it under MoveTo. Objects that failed are always left in place.");
    static final Directive<String> MOVE_TO = Directive.string("MoveTo")
            .withDoc("With AfterRead move: the prefix objects are moved under (the key with Prefix removed is"
                    + " appended), e.g. done/. Keys under it are never read.");
    static final Directive<Duration> LATE_ARRIVAL_WINDOW = Directive.duration("LateArrivalWindow")
            .withDefault(Duration.ofHours(1))
            .withDoc("How long, on S3's LastModified clock, keys read are remembered so that an object whose"
                    + " key sorts before them but appears later is still read once. 0 disables it (keys"
                    + " sorting before the position are then never read).");
    static final Directive<Long> LATE_ARRIVAL_MAX_KEYS = Directive.integer("LateArrivalMaxKeys")
            .withDefault(100_000L)
            .withCheck(n -> range(n, 0, 10_000_000))
            .withDoc("At most this many keys are remembered for the late-arrival window (the oldest leave"
                    + " first); bounds memory and the state file under CacheDir.");

    @Override
    public String name() {
        return "im_s3";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("im_amazons3");
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "Reads log objects from Amazon S3 (or a compatible store): streamed, decompressed, in key order,"
                + " once each, late keys included.";
    }

    @Override
    public List<Directive<?>> directives() {
        List<Directive<?>> all = new ArrayList<>();
        all.add(S3Settings.BUCKET);
        all.add(PREFIX);
        S3Settings.directives().stream().filter(d -> d != S3Settings.BUCKET).forEach(all::add);
        all.addAll(List.of(POLL_INTERVAL, MAX_KEYS, WORKERS, START_AFTER, MODIFIED_AFTER, READ_FROM_LAST,
                INCLUDE, EXCLUDE, DECODING, MAX_LINE_LENGTH, AFTER_READ, MOVE_TO, LATE_ARRIVAL_WINDOW,
                LATE_ARRIVAL_MAX_KEYS));
        return List.copyOf(all);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        S3Settings s3 = S3Settings.from(config);
        List<String> problems = new ArrayList<>();
        String afterRead = config.get(AFTER_READ);
        String moveTo = config.get(MOVE_TO);
        if ("move".equals(afterRead) && (moveTo == null || moveTo.isEmpty())) {
            problems.add(config.location(AFTER_READ) + ": " + config.instanceName()
                    + ": AfterRead move needs MoveTo (the prefix to move objects under)");
        }
        if (moveTo != null && !"move".equals(afterRead)) {
            problems.add(config.location(MOVE_TO) + ": " + config.instanceName()
                    + ": MoveTo is only used with AfterRead move");
        }
        String prefix = config.get(PREFIX);
        if (moveTo != null && !moveTo.isEmpty() && prefix.startsWith(moveTo)) {
            problems.add(config.location(MOVE_TO) + ": " + config.instanceName() + ": MoveTo '" + moveTo
                    + "' contains Prefix '" + prefix + "': moved objects would never leave what is read");
        }
        if (config.isSet(READ_FROM_LAST) && Boolean.TRUE.equals(config.get(READ_FROM_LAST))
                && config.isSet(START_AFTER)) {
            problems.add(config.location(START_AFTER) + ": " + config.instanceName()
                    + ": StartAfter and ReadFromLast TRUE both say where a first run starts: choose one");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        InputSettings settings = new InputSettings(config.instanceName(), s3, prefix,
                config.get(POLL_INTERVAL), config.get(MAX_KEYS).intValue(), config.get(WORKERS).intValue(),
                config.get(START_AFTER),
                config.getIfSet(MODIFIED_AFTER).map(S3InputProvider::parseInstant).orElse(null),
                Boolean.TRUE.equals(config.get(READ_FROM_LAST)),
                new KeyPatterns(config.getAll(INCLUDE), config.getAll(EXCLUDE)),
                "json".equals(config.get(DECODING)), config.get(MAX_LINE_LENGTH).intValue(),
                afterRead, moveTo, config.get(LATE_ARRIVAL_WINDOW),
                config.get(LATE_ARRIVAL_MAX_KEYS).intValue(), config.cacheDir());
        return new S3Input(settings);
    }

    static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("expected an ISO-8601 time such as 2026-01-31T00:00:00Z or a"
                        + " date such as 2026-01-31");
            }
        }
    }

    private static void positive(Duration d, String name) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be positive");
        }
    }

    private static void range(long n, long min, long max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
    }
}
