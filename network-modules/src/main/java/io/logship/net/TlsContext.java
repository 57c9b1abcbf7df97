package io.logship.net;

import io.logship.api.LogshipException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} built from {@link TlsSettings} with the JDK only, and the engines and sockets made from it:
 * the allowed versions and suites set on each; on the client side endpoint identification {@code HTTPS} (the
 * certificate must name the host connected to: DNS name or IP address in its subject alternative names) unless
 * AllowUntrusted; on the server side a client certificate required when RequireCert.
 */
final class TlsContext {
    private final TlsSettings settings;
    private final SSLContext context;

    private TlsContext(TlsSettings settings, SSLContext context) {
        this.settings = settings;
        this.context = context;
    }

    static TlsContext build(TlsSettings s) throws LogshipException {
        try {
            TrustManager trust = s.allowUntrusted ? new TlsTrust.AcceptAll()
                    : TlsTrust.pkix(anchors(s), s.allowExpired);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(s), new TrustManager[] {trust}, null);
            return new TlsContext(s, ctx);
        } catch (IOException e) {
            throw new LogshipException(s.instance + ": " + e.getMessage(), null);
        } catch (GeneralSecurityException e) {
            throw new LogshipException(s.instance + ": TLS setup failed: " + e.getMessage(), null);
        }
    }

    private static KeyStore anchors(TlsSettings s) throws IOException, GeneralSecurityException {
        List<X509Certificate> cas = new ArrayList<>();
        if (s.caFile != null) {
            cas.addAll(TlsPem.certificates(s.caFile));
        }
        if (s.caDir != null) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(s.caDir)) {
                for (Path f : dir) {
                    if (Files.isRegularFile(f) && TlsPem.blocks(f).stream().anyMatch(b -> b.type().contains("CERT"))) {
                        cas.addAll(TlsPem.certificates(f));
                    }
                }
            }
            if (cas.isEmpty()) {
                throw new IOException("CADir " + s.caDir + " holds no PEM certificate");
            }
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (cas.isEmpty()) { // the JVM's own roots
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    cas.addAll(List.of(x.getAcceptedIssuers()));
                }
            }
        }
        int i = 0;
        for (X509Certificate c : cas) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        return ks;
    }

    private static KeyManager[] keyManagers(TlsSettings s) throws IOException, GeneralSecurityException {
        if (s.certFile == null) {
            return null;
        }
        List<X509Certificate> chain = TlsPem.certificates(s.certFile);
        PrivateKey key = TlsPem.privateKey(s.certKeyFile, s.keyPass());
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && chain.get(0).getPublicKey().getAlgorithm().startsWith("Ed"))) {
            throw new IOException("CertKeyFile " + s.certKeyFile + " holds a " + key.getAlgorithm()
                    + " key but the certificate in CertFile " + s.certFile + " is for a "
                    + chain.get(0).getPublicKey().getAlgorithm() + " key");
        }
        char[] pw = Long.toHexString(System.nanoTime()).toCharArray(); // in-memory store only
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", key, pw, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private SSLParameters parameters(boolean client) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(settings.protocols.toArray(String[]::new));
        if (!settings.cipherSuites.isEmpty()) {
            p.setCipherSuites(settings.cipherSuites.toArray(String[]::new));
        }
        if (client) {
            p.setEndpointIdentificationAlgorithm(settings.allowUntrusted ? null : "HTTPS");
        } else if (settings.requireCert) {
            p.setNeedClientAuth(true);
        } else {
            p.setWantClientAuth(true);
        }
        return p;
    }

    /** A client socket layered over a connected one (closing it closes {@code plain}); handshake not started. */
    SSLSocket clientSocket(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        s.setSSLParameters(parameters(true));
        return s;
    }

    /** A server socket layered over an accepted one (closing it closes {@code accepted}); handshake not started. */
    SSLSocket serverSocket(Socket accepted) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
        s.setUseClientMode(false);
        s.setSSLParameters(parameters(false));
        return s;
    }

    SSLEngine clientEngine(String host, int port) {
        SSLEngine e = context.createSSLEngine(host, port);
        e.setUseClientMode(true);
        e.setSSLParameters(parameters(true));
        return e;
    }

    SSLEngine serverEngine() {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(false);
        e.setSSLParameters(parameters(false));
        return e;
    }

    TlsSettings settings() {
        return settings;
    }

    /**
     * Why a handshake failed, for a log line: "certificate not trusted", "host name mismatch", "certificate
     * expired" or the JDK's message, with the detail.
     */
    static String reason(Throwable e) {
        String detail = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (TlsTrust.isDateProblem(t)) {
                return "certificate expired or not yet valid (" + m + ")";
            }
            if (t instanceof CertificateException && (m.startsWith("No subject alternative")
                    || m.startsWith("No name matching"))) {
                return "host name mismatch (" + m + ")";
            }
            if (t instanceof java.security.cert.CertPathBuilderException
                    || t instanceof java.security.cert.CertPathValidatorException) {
                return "certificate not trusted (" + m + ")";
            }
            detail = m;
        }
        return "TLS handshake failed (" + detail + ")";
    }
}
