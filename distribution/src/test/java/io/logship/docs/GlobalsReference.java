package io.logship.docs;

import io.logship.api.Directive;
import java.time.Duration;
import java.util.List;

/**
 * The global directives ConfigParser accepts, declared here for the globals page until the host declares them
 * itself; then {@link ReferencePages#globalDirectives()} takes the host's list and this class goes.
 */
final class GlobalsReference {
    private GlobalsReference() {
    }

    static List<Directive<?>> all() {
        return List.of(
                Directive.choice("LogLevel", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL").withDefaultText("INFO")
                        .withDoc("The agent's own log level, any case; WARN is taken as WARNING, and CRITICAL "
                                + "logs as ERROR."),
                Directive.path("LogFile").withDefaultText("stderr")
                        .withDoc("Where the agent's own log goes (appended)."),
                Directive.path("CacheDir").withDefaultText("var/cache under the logship home")
                        .withDoc("The inputs' positions (`positions/INSTANCE.pos`) and im_s3's state files. "
                                + "Created at start (not by --verify)."),
                Directive.path("SpoolDir").withDefaultText("var/spool under the logship home")
                        .withDoc("The modules' durable spools (om_s3's per instance, om_python's dead-letter "
                                + "files). Created at start (not by --verify)."),
                Directive.path("PidFile")
                        .withDoc("The agent writes its process id here while it runs (run mode only, not "
                                + "--once) and removes it on exit."),
                Directive.integer("LogqueueSize").withDefault(10000L)
                        .withDoc("Events each output's queue holds before the inputs feeding it wait (1 to "
                                + "10,000,000). An `<Output>` block's own LogqueueSize wins. Overrides the "
                                + "logship.queue.capacity property."),
                Directive.duration("CacheFlushInterval").withDefault(Duration.ofSeconds(1))
                        .withDoc("How often the inputs' positions are saved to CacheDir: a duration above 0 and "
                                + "at most a day, or `always` (as soon as they move, checked every 10 ms). "
                                + "Overrides the logship.commit.interval.ms property."),
                Directive.bool("CacheSync")
                        .withDoc("Accepted for NXLog configurations: logship always fsyncs the position files "
                                + "it writes, so FALSE has no effect (a warning says so)."),
                Directive.bool("FlowControl").withDefault(Boolean.TRUE)
                        .withDoc("TRUE is what logship always does: a full output queue makes the inputs feeding "
                                + "it wait. FALSE (drop events when a queue is full) is an error: logship never "
                                + "drops events."),
                Directive.path("ModuleDir")
                        .withDoc("Accepted and ignored with a warning: logship finds its modules on its class "
                                + "path (the jars in lib/, see logship --list-modules)."),
                Directive.string("User")
                        .withDoc("A user name or numeric id. Accepted when logship already runs as that user; "
                                + "otherwise the agent does not start and says how to start it so (User= in its "
                                + "systemd unit). A JVM cannot switch users as NXLog does."),
                Directive.string("Group")
                        .withDoc("A group name or numeric id, checked against the agent's primary group as "
                                + "User is."),
                Directive.choice("Panic", "Soft", "Hard", "Off")
                        .withDoc("NXLog runtime tuning; accepted (value checked) with a warning that it has no "
                                + "effect: logship has no NXLog-style assertions for it to act on."),
                Directive.integer("Threads")
                        .withDoc("NXLog runtime tuning; accepted with a warning that it has no effect: logship "
                                + "runs each input and each output on threads of its own."),
                Directive.bool("SuppressRepeatingLogs")
                        .withDoc("NXLog runtime tuning; accepted with a warning that it has no effect."),
                Directive.bool("NoFreeOnExit")
                        .withDoc("A debugging aid of NXLog's C code; accepted with a warning that it has no "
                                + "effect."),
                Directive.bool("IgnoreErrors")
                        .withDoc("Accepted with a warning that it has no effect: logship never starts with a "
                                + "configuration problem (NXLog's IgnoreErrors FALSE)."));
    }
}
