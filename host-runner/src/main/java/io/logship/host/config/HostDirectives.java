package io.logship.host.config;

import io.logship.api.Directive;
import io.logship.api.ModuleKind;
import io.logship.api.ModuleProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * NXLog's module directives that the host, not the module, acts on: {@code LogqueueSize} (the events an
 * output's queue holds before the inputs feeding it wait) and {@code FlowControl}: {@code TRUE} (NXLog's default,
 * a full queue makes the inputs feeding it wait), or {@code FALSE} on an input whose provider
 * {@link ModuleProvider#mayDropWhenFull may drop} (in its block, or as the global default for inputs), where a
 * full queue drops and counts the event instead. A module that declares a directive of the same name keeps it.
 */
final class HostDirectives {
    /** The largest queue an output may ask for: beyond this the heap, not the queue, is the limit. */
    static final long MAX_QUEUE = 10_000_000;

    /** What {@code FlowControl FALSE} gets in an {@code <Output>}, {@code <Processor>} or {@code <Extension>}. */
    static final String FLOW_CONTROL_FALSE = "FlowControl FALSE is not supported here: logship drops events only "
            + "at an <Input> with FlowControl FALSE whose module may drop; a full queue makes the inputs feeding it "
            + "wait (FlowControl TRUE, NXLog's default)";

    private static final Directive<Long> LOGQUEUE_SIZE = Directive.integer("LogqueueSize");
    static final Directive<Boolean> FLOW_CONTROL = Directive.bool("FlowControl");

    private HostDirectives() {
    }

    /**
     * What the host took from a block.
     *
     * @param rest          the block's other directives, for the module
     * @param queueCapacity the block's LogqueueSize, or 0 when it has none
     * @param dropWhenFull  an input with FlowControl FALSE (its own or the global one) whose module may drop
     */
    record Taken(List<RawDirective> rest, int queueCapacity, boolean dropWhenFull) {
    }

    /**
     * Takes the host's directives out of {@code b}, adding problems and warnings ("file:line: ...").
     *
     * @param globalFlowFalseAt where a global {@code FlowControl FALSE} is ("file:line"), or null
     * @param droppers          the input modules that may drop, for the advice (e.g. "im_udp, im_tcp")
     */
    static Taken take(ModuleBlock b, ModuleProvider provider, String globalFlowFalseAt, String droppers,
                      List<String> problems, List<String> warnings) {
        List<RawDirective> rest = new ArrayList<>();
        int capacity = 0;
        String seenQueue = null;
        boolean flowWritten = false;
        boolean drop = false;
        for (RawDirective raw : b.directives()) {
            boolean flow = FLOW_CONTROL.matches(raw.name());
            if (!flow && !LOGQUEUE_SIZE.matches(raw.name())
                    || provider != null && provider.directives().stream().anyMatch(d -> d.matches(raw.name()))) {
                rest.add(raw); // the module's own (also when it declares one of these names itself)
                continue;
            }
            String at = raw.location() + ": " + b.name() + ": ";
            if (flow) {
                flowWritten = true;
                Boolean on = parse(FLOW_CONTROL, raw, at, problems);
                if (Boolean.FALSE.equals(on)) {
                    drop = mayDrop(b, provider, at, "", droppers, problems);
                }
                continue;
            }
            if (seenQueue != null) {
                problems.add(at + "directive LogqueueSize given more than once (first at " + seenQueue + ")");
                continue;
            }
            seenQueue = raw.location();
            Long n = queueSize(raw, at, problems);
            if (n == null) {
                continue;
            }
            switch (b.kind()) {
                case OUTPUT -> capacity = n.intValue();
                case PROCESSOR -> warnings.add(at + "LogqueueSize has no effect on a processor: logship runs "
                        + "processors on the thread of the input that posts the event, without a queue of their own");
                default -> problems.add(at + "LogqueueSize belongs in an <Output> (or <Processor>) block: "
                        + "it sizes the queue in front of an output");
            }
        }
        if (!flowWritten && globalFlowFalseAt != null && b.kind() == ModuleKind.INPUT) {
            drop = mayDrop(b, provider, globalFlowFalseAt + ": ", " (global, the default of input " + b.name()
                    + " at " + b.location() + ")", droppers, problems);
        }
        return new Taken(rest, capacity, drop);
    }

    /** Whether {@code FlowControl FALSE} applies to {@code b}; a problem at {@code at} when it cannot. */
    private static boolean mayDrop(ModuleBlock b, ModuleProvider provider, String at, String which, String droppers,
                                   List<String> problems) {
        if (b.kind() != ModuleKind.INPUT) {
            problems.add(at + FLOW_CONTROL_FALSE);
            return false;
        }
        if (provider == null) {
            return false; // the unknown module is reported already
        }
        if (provider.mayDropWhenFull()) {
            return true;
        }
        problems.add(at + "FlowControl FALSE" + which + " is not supported for " + provider.name() + ": its data "
                + "waits for logship, so a full queue makes it wait and it reads on where it stopped, losing "
                + "nothing; FlowControl FALSE (drop rather than wait) is for inputs whose peers cannot be paused ("
                + droppers + ")" + (which.isEmpty() ? "" : "; write FlowControl TRUE in that block"));
        return false;
    }

    /** LogqueueSize's value: a whole number from 1 to {@link #MAX_QUEUE}, or null after a problem. */
    static Long queueSize(RawDirective raw, String at, List<String> problems) {
        Long n = parse(LOGQUEUE_SIZE, raw, at, problems);
        if (n != null && (n < 1 || n > MAX_QUEUE)) {
            problems.add(at + "invalid value '" + raw.value() + "' for LogqueueSize: must be from 1 to "
                    + MAX_QUEUE + " (events)");
            return null;
        }
        return n;
    }

    /** {@code raw}'s value parsed as {@code d}, or null after adding a problem that starts with {@code at}. */
    static <T> T parse(Directive<T> d, RawDirective raw, String at, List<String> problems) {
        try {
            return d.parse(raw.value());
        } catch (IllegalArgumentException e) {
            problems.add(at + "invalid value '" + raw.value() + "' for " + d.name() + ": " + e.getMessage());
            return null;
        }
    }
}
