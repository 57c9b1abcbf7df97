package io.logship.net;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * im_uds's listener: a stream Unix domain socket at the configured path. A socket file left by a process that is
 * gone is replaced; one another process still listens on, or a file that is no socket, is an error at start. The
 * socket file is removed at stop. Connections are named "path#n" and carry no MessageSourceAddress.
 */
final class UdsInputEndpoint extends TcpInputEndpoint {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final AtomicLong connections = new AtomicLong();
    private boolean bound;

    UdsInputEndpoint(Path path) {
        super(List.of());
        this.path = path;
    }

    @Override
    List<ServerSocketChannel> open(String instance, Logger log) throws LogshipException {
        ServerSocketChannel ch = null;
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                replaceStale(instance, log);
            }
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            ch.bind(UnixDomainSocketAddress.of(path), 1024);
            bound = true;
            return List.of(ch);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new LogshipException(instance + ": cannot listen on the Unix domain socket " + path + ": "
                    + e.getMessage(), e);
        }
    }

    private void replaceStale(String instance, Logger log) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException("the path exists and is not a socket; remove it or name another UDS");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException("another process is listening on it");
        } catch (IOException refused) {
            if ("another process is listening on it".equals(refused.getMessage())) {
                throw refused;
            }
        }
        Files.delete(path);
        log.info("{}: removed the stale socket file {} (no process listened on it)", instance, path);
    }

    @Override
    String peer(SocketChannel ch) {
        return path + "#" + connections.incrementAndGet();
    }

    @Override
    String sourceAddress(SocketChannel ch) {
        return null;
    }

    @Override
    void closed() {
        if (bound) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // left behind: the next start replaces it
            }
            bound = false;
        }
    }

    Path path() {
        return path;
    }
}
