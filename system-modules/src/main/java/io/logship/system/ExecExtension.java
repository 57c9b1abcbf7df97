package io.logship.system;

import io.logship.api.ExtensionModule;
import io.logship.api.LogshipException;
import io.logship.api.ModuleContext;
import io.logship.lang.ExecContext;
import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.ExecLibrary;
import io.logship.lang.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * xm_exec: {@code exec(command, args...)} runs a program and waits for it (at most {@code Timeout}, then it is
 * killed and the statement fails with an error), {@code exec_async(command, args...)} starts one and goes on. The
 * program is run directly (no shell), each argument one argv entry, converted to text as {@code string()} does.
 * What the program writes is logged through the calling instance's logger (stdout at INFO, stderr at WARNING,
 * at most 20 lines per run) and so is a non-zero exit code, where NXLog discards it; {@code exec()} used as a
 * function (NXLog Enterprise's form) returns its stdout instead (at most 1 MiB, a trailing LF removed).
 * At most {@code MaxAsync} exec_async children run at once; beyond that the call fails (nothing blocks).
 */
final class ExecExtension implements ExtensionModule, ExecLibrary {
    static final int MAX_CAPTURE = 1 << 20;

    private final String instance;
    private final Duration timeout;
    private final Semaphore async;
    private final int maxAsync;
    private volatile Logger logger;

    ExecExtension(String instance, Duration timeout, int maxAsync) {
        this.instance = instance;
        this.timeout = timeout;
        this.maxAsync = maxAsync;
        this.async = new Semaphore(maxAsync);
    }

    @Override
    public void start(ModuleContext context) throws LogshipException {
        logger = context.logger();
    }

    @Override
    public List<ExecFunction> execFunctions() {
        String doc = "exec(command, args...): runs the program and waits for it (xm_exec " + instance + ")";
        return List.of(
                ExecFunction.procedure("exec", 1, -1, doc, (ctx, a) -> {
                    runAndWait(ctx, "exec", a, false);
                    return null;
                }).withArgTypes(Types.STRING, Types.ANY),
                ExecFunction.function("exec", 1, -1, Types.STRING,
                        "exec(command, args...): the program's standard output (xm_exec " + instance + ")",
                        (ctx, a) -> runAndWait(ctx, "exec", a, true)).withArgTypes(Types.STRING, Types.ANY),
                ExecFunction.procedure("exec_async", 1, -1,
                        "exec_async(command, args...): starts the program and goes on (xm_exec " + instance + ")",
                        this::runAsync).withArgTypes(Types.STRING, Types.ANY));
    }

    private Logger logger(ExecContext ctx) {
        return ctx.env() != null ? ctx.env().logger() : logger;
    }

    private static ChildCommand command(ExecContext ctx, String fn, Object[] args) {
        List<String> argv = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                throw new ExecError(fn + "(): argument " + (i + 1) + " is undef");
            }
            argv.add(Types.toText(args[i], ctx.env().zone()));
        }
        if (argv.get(0).isBlank()) {
            throw new ExecError(fn + "(): the command is an empty string");
        }
        return new ChildCommand(argv.get(0), argv.subList(1, argv.size()));
    }

    private ChildProcess start(ChildCommand command, String fn) {
        try {
            ChildProcess c = ChildProcess.start(command, instance);
            try {
                c.process().getOutputStream().close(); // no input: a program that reads stdin sees its end
            } catch (java.io.IOException e) {
                // already closed
            }
            return c;
        } catch (LogshipException e) {
            throw new ExecError(fn + "(): " + e.getMessage(), e);
        }
    }

    private Object runAndWait(ExecContext ctx, String fn, Object[] args, boolean capture) {
        ChildCommand command = command(ctx, fn, args);
        Logger log = logger(ctx);
        ChildProcess c = start(command, fn);
        Process p = c.process();
        String prefix = instance + ": " + command.program();
        StringBuilder out = capture ? new StringBuilder() : null;
        Thread stdout = capture
                ? c.pump("exec-stdout", p.getInputStream(), MAX_CAPTURE, line -> append(out, line), () -> { })
                : c.log("exec-stdout", p.getInputStream(), log, Level.INFO, prefix + " stdout: ");
        Thread stderr = c.log("exec-stderr", p.getErrorStream(), log, Level.WARN, prefix + " stderr: ");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                c.terminate(Duration.ofSeconds(1));
                throw new ExecError(fn + "(): " + command + " did not finish within " + timeout.toMillis()
                        + " ms (Timeout of " + instance + "); killed");
            }
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            stdout.join(left);
            stderr.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            c.terminate(Duration.ofSeconds(1));
            Thread.currentThread().interrupt();
            throw new ExecError(fn + "(): interrupted while waiting for " + command + "; killed");
        }
        int code = p.exitValue();
        if (code != 0) {
            log.warn("{}: {} exited with code {}", instance, command, code);
        }
        if (!capture) {
            return null;
        }
        synchronized (out) {
            return out.toString();
        }
    }

    private static void append(StringBuilder out, String line) {
        synchronized (out) {
            if (out.length() >= MAX_CAPTURE) {
                return;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line, 0, Math.min(line.length(), MAX_CAPTURE - out.length()));
        }
    }

    private Object runAsync(ExecContext ctx, Object[] args) {
        ChildCommand command = command(ctx, "exec_async", args);
        if (!async.tryAcquire()) {
            throw new ExecError("exec_async(): " + maxAsync + " programs started by " + instance
                    + " are still running (MaxAsync); " + command + " not started");
        }
        Logger log = logger(ctx);
        ChildProcess c;
        try {
            c = start(command, "exec_async");
        } catch (ExecError e) {
            async.release();
            throw e;
        }
        Process p = c.process();
        String prefix = instance + ": " + command.program();
        c.log("async-stdout", p.getInputStream(), log, Level.INFO, prefix + " stdout: ");
        c.log("async-stderr", p.getErrorStream(), log, Level.WARN, prefix + " stderr: ");
        p.onExit().whenComplete((done, error) -> {
            async.release();
            if (done != null && done.exitValue() != 0) {
                log.warn("{}: {} (exec_async) exited with code {}", instance, command, done.exitValue());
            }
        });
        return null;
    }

    /** exec_async children still running. */
    int running() {
        return maxAsync - async.availablePermits();
    }

    @Override
    public String toString() {
        return "xm_exec " + instance;
    }
}
