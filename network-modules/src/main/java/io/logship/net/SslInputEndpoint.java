package io.logship.net;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.slf4j.Logger;

/** im_ssl's listeners: TCP, with a TLS engine per connection built from the TLS directives at start. */
final class SslInputEndpoint extends TcpInputEndpoint {
    private final TlsSettings tls;
    private TlsContext context;

    SslInputEndpoint(List<InputListenAddress> addresses, TlsSettings tls) {
        super(addresses);
        this.tls = tls;
    }

    @Override
    List<ServerSocketChannel> open(String instance, Logger log) throws LogshipException {
        context = tls.open(log);
        return super.open(instance, log);
    }

    @Override
    TcpInputTransport transport(SocketChannel ch) throws IOException {
        return new TcpInputTlsTransport(context.serverEngine());
    }
}
