package io.logship.lang.core;

import io.logship.api.Event;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecEnvironment;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.testkit.FakeClock;
import io.logship.testkit.TestModuleContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The core library on a fixed clock and zone, for calling its functions as the compiled statements would:
 * {@link #call} a function, {@link #run} a procedure, with the event in {@link #ctx}.
 */
final class CoreHarness {
    static final Instant NOW = Instant.parse("2024-02-14T10:11:15.123456789Z");

    final FakeClock clock;
    final TestModuleContext module = new TestModuleContext("im_test", "in", Path.of("unused"));
    final List<String> errors = new ArrayList<>();
    final ExecEnvironment env;
    final ExecContext ctx;
    private final CoreLibrary library = new CoreLibrary();

    CoreHarness() {
        this(ZoneId.of("Europe/Budapest"));
    }

    CoreHarness(ZoneId zone) {
        clock = new FakeClock(NOW);
        env = new ExecEnvironment("in", "im_test", module.logger(), clock, zone, "myhost.example.com",
                module.metrics(), (where, e) -> errors.add(where + ": " + e.getMessage()));
        ctx = new ExecContext(env).reset(Event.ofRaw("a line"));
    }

    ExecFunction find(String name, boolean procedure) {
        return library.execFunctions().stream().filter(f -> f.name().equals(name) && f.procedure() == procedure)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    /** Calls a function, checking the argument count against its declaration as the compiler does. */
    Object call(String name, Object... args) {
        ExecFunction f = find(name, false);
        if (!f.acceptsArgCount(args.length)) {
            throw new AssertionError(f.signature() + " does not take " + args.length + " arguments");
        }
        return f.impl().call(ctx, args);
    }

    /** Runs a procedure. */
    void run(String name, Object... args) {
        ExecFunction f = find(name, true);
        if (!f.acceptsArgCount(args.length)) {
            throw new AssertionError(f.signature() + " does not take " + args.length + " arguments");
        }
        f.impl().call(ctx, args);
    }

    /** The message of the ExecError a call throws. */
    String error(String name, Object... args) {
        try {
            call(name, args);
        } catch (ExecError e) {
            return e.getMessage();
        }
        throw new AssertionError(name + " did not fail");
    }

    String procError(String name, Object... args) {
        try {
            run(name, args);
        } catch (ExecError e) {
            return e.getMessage();
        }
        throw new AssertionError(name + " did not fail");
    }

    Event event() {
        return ctx.event();
    }

    static ExecFunction.FieldName field(String name) {
        return new ExecFunction.FieldName(name);
    }
}
