package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * What the HTTP client built by {@link S3Settings#open} puts on the wire, seen by a one-request HTTP server on
 * loopback: a small PUT goes out as one exchange (no {@code Expect: 100-continue}), a PUT over 1 MiB still asks
 * the server before sending its body.
 */
class S3HttpClientIT {
    /** One request as the server saw it: the header block (lower case) and the body. */
    record Seen(String headers, byte[] body) {
    }

    @Test
    void putObject_whenSmallBody_sendsNoExpectContinue() throws Exception {
        byte[] body = "one event\n".getBytes(StandardCharsets.UTF_8);
        Seen seen = putThroughOneRequestServer(body);
        assertThat(seen.headers()).startsWith("put /logs/k ").doesNotContain("expect:");
        assertThat(Arrays.equals(seen.body(), body)).as("the body as sent").isTrue();
    }

    @Test
    void putObject_whenBodyOverOneMebibyte_asksBeforeSendingIt() throws Exception {
        byte[] body = new byte[(1 << 20) + 1];
        Arrays.fill(body, (byte) 'x');
        Seen seen = putThroughOneRequestServer(body);
        assertThat(seen.headers()).contains("expect: 100-continue");
        assertThat(Arrays.equals(seen.body(), body)).as("the body as sent").isTrue();
    }

    private static Seen putThroughOneRequestServer(byte[] body) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Seen> seen = CompletableFuture.supplyAsync(() -> serveOne(server));
            S3Settings st = S3Settings.builder().bucket("logs").pathStyle(true).maxRetries(0)
                    .endpoint("http://127.0.0.1:" + server.getLocalPort()).checksumMode("when_required")
                    .staticCredentials("test-key", "test-secret", null).build();
            // a plain body, as om_s3 sends it (no aws-chunked framing)
            try (S3Access access = st.open(2, b -> b.serviceConfiguration(
                    S3Configuration.builder().chunkedEncodingEnabled(false).build()))) {
                access.client().putObject(b -> b.bucket("logs").key("k"), RequestBody.fromBytes(body));
            }
            return seen.get(30, TimeUnit.SECONDS);
        }
    }

    /** Accepts one connection, reads one request (answering 100 Continue when asked), replies 200. */
    private static Seen serveOne(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside the request header");
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int length = Integer.parseInt(headers.replaceAll("(?s).*\r\ncontent-length: *(\\d+)\r\n.*", "$1"));
            if (headers.contains("\r\nexpect: 100-continue\r\n")) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            byte[] body = in.readNBytes(length);
            out.write("HTTP/1.1 200 OK\r\nETag: \"e\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new Seen(headers, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
