package io.logship.net;

import io.logship.api.Event;
import io.logship.api.ModuleConfig;
import io.logship.api.ModuleProvider;
import io.logship.host.config.ModuleConfigs;
import io.logship.testkit.TestInputContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A network input started from directives as the host would (ModuleConfigs), with a reader thread calling read
 * as the host's input thread does; the posted events collect in {@link #ctx}.
 */
final class TcpInputHarness implements AutoCloseable {
    final TestInputContext ctx;
    final TcpInput input;
    final io.logship.api.InputModule module;
    private Thread reader;
    private volatile boolean reading;

    TcpInputHarness(ModuleProvider provider, Path dir, String... pairs) throws Exception {
        ModuleConfig config = ModuleConfigs.of(provider, "net", dir, dir, dir, pairs);
        module = (io.logship.api.InputModule) provider.create(config);
        input = module instanceof TcpInput t ? t : null;
        ctx = new TestInputContext(provider.name(), "net", dir);
    }

    TcpInputHarness addExtension(String name, String module, Object ext) {
        ctx.addExtension(name, module, ext);
        return this;
    }

    TcpInputHarness start() throws Exception {
        module.start(ctx);
        return this;
    }

    /** Starts the host-like read loop. */
    TcpInputHarness startReading() {
        reading = true;
        reader = new Thread(() -> {
            try {
                while (reading) {
                    module.read(ctx);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (io.logship.api.LogshipException e) {
                throw new IllegalStateException(e);
            }
        }, "test-reader");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    int port() throws IOException {
        List<java.net.SocketAddress> bound = input != null ? input.boundAddresses()
                : ((UdpInput) module).boundAddresses();
        return ((InetSocketAddress) bound.get(0)).getPort();
    }

    Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
        return s;
    }

    int inboxSize() {
        return input.inboxSize();
    }

    List<String> raws() {
        return ctx.raws();
    }

    List<Event> events() {
        synchronized (ctx.events) {
            return List.copyOf(ctx.events);
        }
    }

    void awaitEvents(int n) {
        awaitEvents(n, Duration.ofSeconds(15));
    }

    void awaitEvents(int n, Duration timeout) {
        Await.until(n + " events (have " + ctx.events.size() + ")", timeout, () -> ctx.events.size() >= n);
    }

    List<String> warnings() {
        return ctx.logged().stream().filter(l -> l.startsWith("WARN")).toList();
    }

    @Override
    public void close() throws Exception {
        reading = false;
        module.stop();
        if (reader != null) {
            reader.join(5_000);
        }
    }
}
