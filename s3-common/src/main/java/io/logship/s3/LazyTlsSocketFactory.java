package io.logship.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * The HTTPS socket factory for a client whose endpoint is plain HTTP: the TLS context (loading the JDK's
 * trust store, the public suffix list for host name checks) is made at the first HTTPS connection, which
 * such a client normally never opens, instead of when the client is built (a quarter of a second of CPU at
 * every start). The TLS it makes is Apache HttpClient's default: the JDK's trust store and strict host name
 * verification.
 */
final class LazyTlsSocketFactory implements LayeredConnectionSocketFactory {
    private volatile LayeredConnectionSocketFactory tls;

    LayeredConnectionSocketFactory tls() {
        LayeredConnectionSocketFactory t = tls;
        if (t == null) {
            synchronized (this) {
                t = tls;
                if (t == null) {
                    t = SSLConnectionSocketFactory.getSocketFactory();
                    tls = t;
                }
            }
        }
        return t;
    }

    /** True once an HTTPS connection was asked for. */
    boolean initialized() {
        return tls != null;
    }

    @Override
    public Socket createSocket(HttpContext context) throws IOException {
        return tls().createSocket(context);
    }

    @Override
    public Socket connectSocket(int connectTimeout, Socket sock, HttpHost host, InetSocketAddress remoteAddress,
                                InetSocketAddress localAddress, HttpContext context) throws IOException {
        return tls().connectSocket(connectTimeout, sock, host, remoteAddress, localAddress, context);
    }

    @Override
    public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context)
            throws IOException {
        return tls().createLayeredSocket(socket, target, port, context);
    }
}
