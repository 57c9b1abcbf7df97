package io.logship.host.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for a running agent: the first asks for a graceful stop (exit code 0 when it is
 * clean), a second one exits at once. When the JVM does not let us handle signals, a shutdown hook asks
 * for the stop and waits for it instead. A watchdog exits the process if a stop hangs past its timeout.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger("logship.agent");

    private final Agent agent;
    private final AtomicInteger received = new AtomicInteger();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread hook;
    private Thread watchdog;

    private Signals(Agent agent) {
        this.agent = agent;
    }

    static Signals install(Agent agent) {
        Signals s = new Signals(agent);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal sig = new Signal(name);
                SignalHandler old = Signal.handle(sig, s::onSignal);
                s.signals.add(sig);
                s.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LOG.debug("cannot handle SIG{} ({}); using a shutdown hook", name, e.toString());
            }
        }
        if (s.signals.isEmpty()) {
            s.hook = new Thread(() -> {
                agent.stop();
                try {
                    s.stopped.await(35, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "logship-shutdown");
            Runtime.getRuntime().addShutdownHook(s.hook);
        }
        return s;
    }

    private void onSignal(Signal sig) {
        if (received.incrementAndGet() == 1) {
            LOG.info("SIG{} received: stopping gracefully (send it again to exit at once)", sig.getName());
            agent.stop();
        } else {
            LOG.warn("SIG{} received again: exiting now; events after the last commit are read again at the next"
                    + " start", sig.getName());
            Runtime.getRuntime().halt(128 + sig.getNumber());
        }
    }

    /** Exits the process when the stop takes longer than {@code limit}. */
    void armWatchdog(Duration limit) {
        watchdog = new Thread(() -> {
            try {
                if (!stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.error("stop did not finish within {} s; exiting now", limit.toSeconds());
                    Runtime.getRuntime().halt(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "logship-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    void disarmWatchdog() {
        stopped.countDown();
    }

    void restore() {
        stopped.countDown();
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // keep ours
            }
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }
}
