package io.logship.s3server;

import static io.logship.s3server.HttpWire.BUFFER;
import static io.logship.s3server.HttpWire.closeQuietly;
import static io.logship.s3server.HttpWire.copyBody;
import static io.logship.s3server.HttpWire.copyResponseBody;
import static io.logship.s3server.HttpWire.hasBody;
import static io.logship.s3server.HttpWire.isChunked;
import static io.logship.s3server.HttpWire.readFinalResponseHead;
import static io.logship.s3server.HttpWire.readResponseHead;
import static io.logship.s3server.HttpWire.reset;
import static io.logship.s3server.HttpWire.wantsClose;
import static io.logship.s3server.HttpWire.withConnectionClose;

import io.logship.s3server.HttpWire.Head;
import io.logship.s3server.HttpWire.Budget;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 fault-injecting proxy on loopback in front of an S3 endpoint (usually an {@link EmbeddedS3}), for
 * fault tests. Clients point their endpoint at {@link #endpoint()} and sign for it (SigV4 signs the Host header
 * the client sends; the proxy forwards every byte unchanged, Host included, so signatures stay valid). Bodies of
 * any size are streamed both ways (Content-Length and chunked framing, {@code Expect: 100-continue}); client and
 * store connections are kept alive when both sides allow it.
 *
 * <p>Faults are programmed from the test and chosen per request: the first registered rule whose predicate
 * matches and that has uses left wins ({@link #failNext}, {@link #failMatching}); otherwise the
 * {@link #setDefault default} applies (none unless set). Counters tell what the proxy saw.
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.inMemory(0); FaultyS3 proxy = FaultyS3.inFrontOf(s3)) {
 *     proxy.failMatching(FaultyS3.Request::isPutObject, Fault.slowDown(), 3);
 *     // a client with endpointOverride(proxy.endpoint()) sees three 503 SlowDown answers, then success
 * }
 * }</pre>
 */
public final class FaultyS3 implements AutoCloseable {
    /** {@code times} value for a rule that never runs out. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(FaultyS3.class);
    private static final int MAX_KEPT_REQUESTS = 100_000;

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService pool;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<String, AtomicLong> perMethod = new ConcurrentHashMap<>();
    private final AtomicLong faults = new AtomicLong();

    private final Object lock = new Object();
    private final List<Rule> rules = new ArrayList<>();       // guarded by lock
    private final List<Request> seen = new ArrayList<>();     // guarded by lock
    private Fault defaultFault = Fault.none();                // guarded by lock
    private long releaseGeneration;                           // guarded by lock
    private int stalledNow;                                   // guarded by lock
    private int activeExchanges;                              // guarded by lock
    private volatile boolean closed;

    private FaultyS3(URI upstream) throws IOException {
        if (!"http".equalsIgnoreCase(upstream.getScheme()) || upstream.getHost() == null) {
            throw new IllegalArgumentException("an http://host:port upstream is required, not " + upstream);
        }
        this.upstreamHost = upstream.getHost();
        this.upstreamPort = upstream.getPort() < 0 ? 80 : upstream.getPort();
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-s3-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.execute(this::acceptLoop);
    }

    /** Starts a proxy on a free loopback port that forwards to {@code upstream} ({@code http://host:port}). */
    public static FaultyS3 start(URI upstream) throws IOException {
        return new FaultyS3(upstream);
    }

    /** Starts a proxy in front of {@code s3}. */
    public static FaultyS3 inFrontOf(EmbeddedS3 s3) throws IOException {
        return start(s3.endpoint());
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint clients use (path-style, EmbeddedS3 credentials). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getLocalPort();
    }

    // ---------------------------------------------------------------- programming faults

    /** The next {@code n} requests, whatever they are, get {@code fault}. */
    public FaultyS3 failNext(int n, Fault fault) {
        return failMatching(r -> true, fault, n);
    }

    /**
     * The next {@code times} requests that match {@code predicate} get {@code fault} ({@link #ALWAYS} for no
     * limit). Rules are tried in the order they were added.
     */
    public FaultyS3 failMatching(Predicate<Request> predicate, Fault fault, int times) {
        if (times <= 0) {
            throw new IllegalArgumentException("times " + times);
        }
        synchronized (lock) {
            rules.add(new Rule(predicate, fault, times));
        }
        return this;
    }

    /** The fault for requests no rule matches ({@link Fault#none()} to forward them unchanged). */
    public FaultyS3 setDefault(Fault fault) {
        synchronized (lock) {
            defaultFault = fault;
        }
        return this;
    }

    /** Removes every rule and the default fault; counters are kept. */
    public FaultyS3 clearFaults() {
        synchronized (lock) {
            rules.clear();
            defaultFault = Fault.none();
        }
        return this;
    }

    /** Lets every request held by a stall fault go on (stalls that begin later are not affected). */
    public void releaseStalls() {
        synchronized (lock) {
            releaseGeneration++;
            lock.notifyAll();
        }
    }

    /** Waits until at least {@code n} requests are held by stall faults; false on timeout. */
    public boolean awaitStalled(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (stalledNow < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Waits until no request is being handled (every request seen was answered, faulted or dropped, released
     * stalls included); false on timeout.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (activeExchanges > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Waits until at least {@code n} requests matching {@code predicate} have been seen; false on timeout. */
    public boolean awaitRequests(Predicate<Request> predicate, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (seen.stream().filter(predicate).count() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- counters

    /** Requests seen (faulted or not). */
    public long requestCount() {
        return perMethod.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Requests seen with this HTTP method (e.g. "GET", "PUT"). */
    public long requestCount(String method) {
        AtomicLong c = perMethod.get(method.toUpperCase(Locale.ROOT));
        return c == null ? 0 : c.get();
    }

    /** Requests seen, by method. */
    public Map<String, Long> requestCountsByMethod() {
        Map<String, Long> out = new TreeMap<>();
        perMethod.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Requests seen matching the predicate (among the first 100,000). */
    public long requestCount(Predicate<Request> predicate) {
        synchronized (lock) {
            return seen.stream().filter(predicate).count();
        }
    }

    /** Faults injected (stalls included). */
    public long faultCount() {
        return faults.get();
    }

    /** The first 100,000 requests seen, in arrival order, with the fault each got. */
    public List<Request> requests() {
        synchronized (lock) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "FaultyS3[" + endpoint() + " -> " + upstreamHost + ":" + upstreamPort + "]";
    }

    // ---------------------------------------------------------------- request description

    /**
     * One request as the proxy saw it.
     *
     * @param method HTTP method, upper case
     * @param path   the request path, still percent-encoded (e.g. {@code /bucket/a%20b})
     * @param query  the raw query string without '?', "" when none
     * @param fault  the fault the proxy chose for it
     */
    public record Request(String method, String path, String query, Fault fault) {
        /** The bucket of a path-style request, or null for the service root. */
        public String bucket() {
            String p = path.startsWith("/") ? path.substring(1) : path;
            if (p.isEmpty()) {
                return null;
            }
            int slash = p.indexOf('/');
            return decode(slash < 0 ? p : p.substring(0, slash));
        }

        /** The decoded object key of a path-style request, or null for a bucket or service request. */
        public String key() {
            String p = path.startsWith("/") ? path.substring(1) : path;
            int slash = p.indexOf('/');
            if (slash < 0 || slash == p.length() - 1) {
                return null;
            }
            return decode(p.substring(slash + 1));
        }

        public boolean hasQueryParam(String name) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if ((eq < 0 ? part : part.substring(0, eq)).equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /** GET of an object (not a listing). */
        public boolean isGetObject() {
            return "GET".equals(method) && key() != null;
        }

        /** HEAD of an object. */
        public boolean isHeadObject() {
            return "HEAD".equals(method) && key() != null;
        }

        /** PUT of an object or of a multipart part. */
        public boolean isPutObject() {
            return "PUT".equals(method) && key() != null;
        }

        /** A bucket listing (ListObjects / ListObjectsV2 / ListObjectVersions...). */
        public boolean isListObjects() {
            return "GET".equals(method) && bucket() != null && key() == null && !hasQueryParam("location");
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- serving

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("FaultyS3 accept failed", e);
                }
                return;
            }
            sockets.add(client);
            try {
                pool.execute(() -> serve(client));
            } catch (RuntimeException e) {
                sockets.remove(client);
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client) {
        Upstream up = new Upstream();
        try {
            client.setTcpNoDelay(true);
            InputStream cin = new BufferedInputStream(client.getInputStream(), BUFFER);
            OutputStream cout = new BufferedOutputStream(client.getOutputStream(), BUFFER);
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                Head req = Head.read(cin);
                if (req == null) {
                    return;
                }
                synchronized (lock) {
                    activeExchanges++;
                }
                long t0 = System.nanoTime();
                try {
                    keepAlive = exchange(client, cin, cout, req, up);
                } finally {
                    if (LOG.isTraceEnabled()) {
                        LOG.trace("FaultyS3: {} took {} ms", req.startLine(), (System.nanoTime() - t0) / 1_000_000);
                    }
                    synchronized (lock) {
                        activeExchanges--;
                        lock.notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("FaultyS3 connection ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            up.close();
            sockets.remove(client);
            closeQuietly(client);
        }
    }

    /** Handles one request; returns whether the client connection may carry another one. */
    private boolean exchange(Socket client, InputStream cin, OutputStream cout, Head req, Upstream up)
            throws IOException, InterruptedException {
        String[] line = req.startLine().split(" ", 3);
        if (line.length < 3) {
            throw new IOException("bad request line: " + req.startLine());
        }
        String method = line[0].toUpperCase(Locale.ROOT);
        String target = line[1];
        int q = target.indexOf('?');
        Fault fault = choose(method, q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1));
        boolean clientClose = wantsClose(req, line[2]);
        boolean expectContinue = req.header("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)
                && hasBody(req);

        switch (fault.kind()) {
            case ERROR -> {
                return answerError(client, cin, cout, req, method, target, fault, expectContinue, clientClose);
            }
            case RESET_ON_REQUEST -> {
                reset(client);
                return false;
            }
            case STALL -> stall(fault.duration());
            default -> {
                // forwarded below
            }
        }

        // forward the request unchanged
        up.connect();
        up.out.write(req.raw());
        boolean bodySent = true;
        Head resp;
        if (expectContinue) {
            up.out.flush();
            resp = readResponseHead(up.in);
            if (resp.status() == 100) {
                cout.write(resp.raw());
                cout.flush();
                copyBody(req, cin, up.out);
                up.out.flush();
                resp = readFinalResponseHead(up.in);
            } else {
                bodySent = false; // the store answered without reading the body
            }
        } else {
            copyBody(req, cin, up.out);
            up.out.flush();
            resp = readFinalResponseHead(up.in);
        }

        if (fault.kind() == Fault.Kind.RESET_BEFORE_RESPONSE) {
            up.close();
            reset(client);
            return false;
        }
        // without the body read, this connection cannot carry another request: say so
        cout.write(bodySent ? resp.raw() : withConnectionClose(resp));
        boolean responseHasBody = !"HEAD".equals(method) && resp.status() != 204 && resp.status() != 304;
        boolean untilClose = responseHasBody && !isChunked(resp) && resp.header("Content-Length").isEmpty();
        if (fault.kind() == Fault.Kind.RESET_MID_BODY) {
            try {
                if (responseHasBody) {
                    copyResponseBody(resp, up.in, new Budget(cout, fault.bytes()), untilClose);
                }
            } catch (Budget.Exhausted e) {
                // the planned reset point
            }
            cout.flush();
            up.close();
            reset(client);
            return false;
        }
        if (responseHasBody) {
            copyResponseBody(resp, up.in, cout, untilClose);
        }
        cout.flush();
        boolean upstreamClose = untilClose || !bodySent || wantsClose(resp, resp.startLine().split(" ", 2)[0]);
        if (upstreamClose) {
            up.close();
        }
        if (!bodySent) {
            lingeringClose(client, cin);
            return false;
        }
        return !clientClose && !upstreamClose;
    }

    private Fault choose(String method, String path, String query) {
        perMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        Fault chosen = null;
        synchronized (lock) {
            Request probe = new Request(method, path, query, Fault.none());
            for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
                Rule r = it.next();
                if (r.predicate.test(probe)) {
                    chosen = r.fault;
                    if (r.remaining != ALWAYS && --r.remaining == 0) {
                        it.remove();
                    }
                    break;
                }
            }
            if (chosen == null) {
                chosen = defaultFault;
            }
            if (seen.size() < MAX_KEPT_REQUESTS) {
                seen.add(new Request(method, path, query, chosen));
            }
            lock.notifyAll();
        }
        if (chosen.kind() != Fault.Kind.PASS) {
            faults.incrementAndGet();
            LOG.debug("FaultyS3: {} {} -> {}", method, path, chosen);
        }
        return chosen;
    }

    private void stall(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            long generation = releaseGeneration;
            stalledNow++;
            lock.notifyAll();
            try {
                while (generation == releaseGeneration && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } finally {
                stalledNow--;
            }
        }
    }

    private boolean answerError(Socket client, InputStream cin, OutputStream cout, Head req, String method,
                                String target, Fault fault, boolean expectContinue, boolean clientClose)
            throws IOException {
        if (!expectContinue) {
            copyBody(req, cin, OutputStream.nullOutputStream()); // read it so the answer is not lost to a reset
        }
        boolean close = expectContinue || clientClose;
        String requestId = String.format(Locale.ROOT, "FAULTY%010d", requestIds.incrementAndGet());
        int q = target.indexOf('?');
        String resource = q < 0 ? target : target.substring(0, q);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(fault.code())
                + "</Code><Message>" + xml(fault.message()) + "</Message><Resource>" + xml(resource)
                + "</Resource><RequestId>" + requestId + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(fault.status()).append(' ').append(reason(fault.status())).append("\r\n")
                .append("Content-Type: application/xml\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("x-amz-request-id: ").append(requestId).append("\r\n")
                .append("Server: FaultyS3\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        cout.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (!"HEAD".equals(method)) {
            cout.write(body);
        }
        cout.flush();
        if (close) {
            lingeringClose(client, cin);
            return false;
        }
        return true;
    }

    /** Half-closes, then reads what the client still sends (briefly) so the answer is not lost to a reset. */
    private static void lingeringClose(Socket client, InputStream cin) {
        try {
            client.shutdownOutput();
            client.setSoTimeout(2000);
            byte[] buf = new byte[BUFFER];
            while (cin.read(buf) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Slow Down";
            default -> "Error";
        };
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The proxy's connection to the store for one client connection, opened lazily and reused. */
    private final class Upstream {
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;

        void connect() throws IOException {
            if (socket != null && !isStale()) {
                return;
            }
            close();
            Socket s = new Socket();
            sockets.add(s);
            s.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5000);
            s.setTcpNoDelay(true);
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), BUFFER);
            out = new BufferedOutputStream(s.getOutputStream(), BUFFER);
        }

        /** True when the store closed the idle connection (or sent something unasked). */
        private boolean isStale() {
            try {
                socket.setSoTimeout(1);
                in.mark(1);
                in.read();
                return true; // EOF, or bytes nobody asked for
            } catch (SocketTimeoutException e) {
                return false; // idle and open
            } catch (IOException e) {
                return true;
            } finally {
                try {
                    if (!socket.isClosed()) {
                        socket.setSoTimeout(0);
                    }
                } catch (IOException ignored) {
                    // stale
                }
            }
        }

        void close() {
            if (socket != null) {
                sockets.remove(socket);
                closeQuietly(socket);
                socket = null;
            }
        }
    }

    private static final class Rule {
        final Predicate<Request> predicate;
        final Fault fault;
        int remaining;

        Rule(Predicate<Request> predicate, Fault fault, int remaining) {
            this.predicate = predicate;
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
