package io.logship.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import org.apache.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

class LazyTlsSocketFactoryTest {
    @Test
    void createLayeredSocket_whenFirstHttpsConnection_makesTlsThenAndHandshakes() throws Exception {
        LazyTlsSocketFactory f = new LazyTlsSocketFactory();
        assertThat(f.initialized()).as("nothing made before an HTTPS connection").isFalse();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    // a plain-HTTP peer: a TLS client must refuse this
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the client hung up
                }
            });
            peer.start();
            try (Socket plain = new Socket(loopback, server.getLocalPort())) {
                assertThatThrownBy(() -> f.createLayeredSocket(plain, "localhost", server.getLocalPort(),
                        new BasicHttpContext())).isInstanceOf(SSLException.class);
            }
            peer.join(10_000);
        }
        assertThat(f.initialized()).isTrue();
        assertThat(f.tls()).isSameAs(f.tls());
    }
}
