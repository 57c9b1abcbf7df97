package io.logship.s3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FaultyS3's HTTP handling against a plain echo server: chunked bodies both ways, the Host header kept as
 * the client sent it, error bodies, HEAD, and connections that close.
 */
class FaultyS3Test {
    HttpServer upstream;
    FaultyS3 proxy;
    HttpClient http;

    @BeforeEach
    void setUp() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        upstream.setExecutor(Executors.newCachedThreadPool());
        upstream.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().add("X-Len", Integer.toString(body.length));
            exchange.getResponseHeaders().add("X-Sha", sha(body));
            exchange.getResponseHeaders().add("X-Host", exchange.getRequestHeaders().getFirst("Host"));
            exchange.getResponseHeaders().add("X-Method", exchange.getRequestMethod());
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, 0); // chunked
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        upstream.start();
        proxy = FaultyS3.start(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        upstream.stop(0);
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(proxy.endpoint() + path);
    }

    @Test
    void exchange_whenRequestAndResponseAreChunked_forwardsBodiesUnchanged() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(data);
        HttpRequest req = HttpRequest.newBuilder(uri("/bucket/key"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))) // chunked
                .build();

        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("X-Len")).hasValue(Integer.toString(data.length));
        assertThat(resp.headers().firstValue("X-Sha")).hasValue(sha(data));
        assertThat(resp.body()).isEqualTo(data);
    }

    @Test
    void exchange_whenForwarded_keepsTheHostHeaderTheClientSigned() throws Exception {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri("/b/k")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(resp.headers().firstValue("X-Host")).hasValue("127.0.0.1:" + proxy.port());
    }

    @Test
    void exchange_whenManyRequestsOnOneClient_allSucceedAndAreCounted() throws Exception {
        for (int i = 0; i < 30; i++) {
            String body = "body " + i;
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri("/b/k" + i))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(resp.body()).isEqualTo(body);
        }
        assertThat(proxy.requestCount("POST")).isEqualTo(30);
        assertThat(proxy.requestCountsByMethod()).containsEntry("POST", 30L);
    }

    @Test
    void failNext_whenSlowDown_answers503WithS3ErrorXmlThenForwardsAgain() throws Exception {
        proxy.failNext(1, Fault.slowDown());

        HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri("/b/some%20key"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(HttpRequest.newBuilder(uri("/b/some%20key"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(first.body()).contains("<Code>SlowDown</Code>", "<Resource>/b/some%20key</Resource>");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(proxy.requests()).extracting(FaultyS3.Request::key).containsExactly("some key", "some key");
        assertThat(proxy.faultCount()).isEqualTo(1);
    }

    @Test
    void failMatching_whenHeadDenied_answersWithoutBodyAndConnectionStaysUsable() throws Exception {
        proxy.failMatching(r -> "HEAD".equals(r.method()), Fault.accessDenied(), 1);

        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(uri("/b/k"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri("/b/k"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEmpty();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-Method")).hasValue("HEAD");
    }

    @Test
    void exchange_whenClientAsksToClose_answersAndClosesTheConnection() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /b/k HTTP/1.1\r\nHost: 127.0.0.1:" + proxy.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(all).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Method: GET").endsWith("0\r\n\r\n");
        }
    }

    @Test
    void resetOnRequest_whenClientSendsABody_theClientSeesTheConnectionFail() {
        proxy.setDefault(Fault.resetOnRequest()); // also for any retry of the JDK client
        HttpRequest req = HttpRequest.newBuilder(uri("/b/k")).PUT(HttpRequest.BodyPublishers.ofString("x"))
                .timeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> http.send(req, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void failMatching_whenTimesIsNotPositive_isRefused() {
        assertThatThrownBy(() -> proxy.failMatching(r -> true, Fault.slowDown(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultyS3.start(URI.create("https://example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
