package io.logship.host.file;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.Module;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code im_file}: follows text files (wildcards, rotation, saved positions), one event per line. */
public final class FileInputProvider implements ModuleProvider {
    static final long DEFAULT_MAX_LINE = 1L << 20;
    static final long MAX_MAX_LINE = 256L << 20;

    static final Directive<Path> FILE = Directive.path("File").required().repeatable()
            .withDoc("The file(s) to read. Wildcards `*` and `?` are allowed in the file name (not in the "
                    + "directory part); with `Recursive TRUE` the directory is searched recursively for names "
                    + "matching the pattern. Files that start matching later are picked up at the next directory "
                    + "check. Repeat the directive to read several patterns.");
    static final Directive<Boolean> SAVE_POS = Directive.bool("SavePos").withDefault(true)
            .withDoc("TRUE: resume each file at the position the host committed (after every output on the "
                    + "route flushed). FALSE: ignore saved positions at start.");
    static final Directive<Boolean> READ_FROM_LAST = Directive.bool("ReadFromLast").withDefault(true)
            .withDoc("TRUE: a file that exists at start and has no saved position is read from its end (from "
                    + "its last complete line); files that appear later are always read from the beginning. "
                    + "FALSE: read existing files from the beginning.");
    static final Directive<Boolean> RECURSIVE = Directive.bool("Recursive").withDefault(false)
            .withDoc("TRUE: search the directory of each `File` pattern and all its subdirectories.");
    static final Directive<Duration> POLL_INTERVAL = Directive.duration("PollInterval")
            .withDefault(Duration.ofSeconds(1))
            .withCheck(d -> {
                if (d.isZero() || d.isNegative()) {
                    throw new IllegalArgumentException("must be greater than 0");
                }
            })
            .withDoc("How often files are checked for new data once everything available has been read. A check that"
                    + " read lines is followed at once by another, so lines written meanwhile wait for no poll and"
                    + " `--once` ends right after the last line.");
    static final Directive<Duration> DIR_CHECK_INTERVAL = Directive.duration("DirCheckInterval")
            .withDefaultText("2 × PollInterval")
            .withDoc("How often the `File` patterns are evaluated again to find new files. Files already "
                    + "followed are checked for rotation at every poll regardless.");
    static final Directive<Long> ACTIVE_FILES = Directive.integer("ActiveFiles").withDefault(10L)
            .withCheck(n -> {
                if (n < 1 || n > 100_000) {
                    throw new IllegalArgumentException("must be between 1 and 100000");
                }
            })
            .withDoc("How many files are kept open at once. With more files than this, idle files are closed "
                    + "(least recently read first) and reopened when they grow; every file is still read.");
    static final Directive<Boolean> CLOSE_WHEN_IDLE = Directive.bool("CloseWhenIdle").withDefault(false)
            .withDoc("TRUE: close a file as soon as everything in it has been read; it is reopened (and "
                    + "recognised by its identity) when it grows.");
    static final Directive<Boolean> RENAME_CHECK = Directive.bool("RenameCheck").withDefault(false)
            .withDoc("Accepted for NXLog compatibility. logship always recognises renamed files by device, "
                    + "inode and a fingerprint of their first bytes, so a renamed file is never read twice "
                    + "whatever this says.");
    static final Directive<Long> MAX_LINE_LENGTH = Directive.size("MaxLineLength").withDefault(DEFAULT_MAX_LINE)
            .withDefaultText("1M (1 MiB)")
            .withCheck(n -> {
                if (n < 16 || n > MAX_MAX_LINE) {
                    throw new IllegalArgumentException("must be between 16 bytes and 256M");
                }
            })
            .withDoc("Longest line (in bytes, without the newline) delivered as one event. A longer line is "
                    + "split into several events of at most this size (at a UTF-8 character boundary), counted "
                    + "in the `lines_split` metric and logged as a warning (at most once a minute per file); "
                    + "nothing is dropped. Memory use is about this size plus 256 KiB per instance.");

    static final Directive<String> INPUT_TYPE = Directive.string("InputType").withDefault("LineBased")
            .withDoc("How lines become events: `LineBased` (one event per line), or the name of an `<Extension>` "
                    + "instance that groups lines into records, such as an xm_multiline instance. A record's saved "
                    + "position is where its last line ends, so a record cut by a restart is read again whole. "
                    + "NXLog's `Dgram` and `Binary` are not accepted here (a file has no datagrams; logship does not "
                    + "read NXLog's binary format).");

    @Override
    public String name() {
        return "im_file";
    }

    @Override
    public ModuleKind kind() {
        return ModuleKind.INPUT;
    }

    @Override
    public String description() {
        return "Reads lines from files (wildcards, rotation-safe, resumes at saved positions).";
    }

    @Override
    public List<Directive<?>> directives() {
        return List.of(FILE, SAVE_POS, READ_FROM_LAST, RECURSIVE, POLL_INTERVAL, DIR_CHECK_INTERVAL, ACTIVE_FILES,
                CLOSE_WHEN_IDLE, RENAME_CHECK, MAX_LINE_LENGTH, INPUT_TYPE);
    }

    @Override
    public Module create(ModuleConfig config) throws ConfigException {
        boolean recursive = config.get(RECURSIVE);
        List<FilePattern> patterns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : config.getAll(FILE)) {
            try {
                patterns.add(FilePattern.of(p, recursive));
            } catch (IllegalArgumentException e) {
                problems.add(config.location(FILE) + ": " + config.instanceName() + ": File '" + p + "': "
                        + e.getMessage());
            }
        }
        String inputType = InputTypes.extensionName(config.get(INPUT_TYPE));
        if (inputType == null || inputType.isEmpty()) {
            problems.add(config.location(INPUT_TYPE) + ": " + config.instanceName() + ": InputType: "
                    + InputTypes.whyNot(config.get(INPUT_TYPE), "im_file"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Duration poll = config.get(POLL_INTERVAL);
        Duration dirCheck = config.getIfSet(DIR_CHECK_INTERVAL).orElse(poll.multipliedBy(2));
        FileInput.Settings s = new FileInput.Settings(config.instanceName(), List.copyOf(patterns),
                config.get(SAVE_POS), config.get(READ_FROM_LAST), poll, dirCheck,
                config.get(ACTIVE_FILES).intValue(), config.get(CLOSE_WHEN_IDLE), config.get(MAX_LINE_LENGTH).intValue(),
                InputTypes.isLineBased(inputType) ? null : inputType, config.location(INPUT_TYPE));
        return new FileInput(s);
    }
}
