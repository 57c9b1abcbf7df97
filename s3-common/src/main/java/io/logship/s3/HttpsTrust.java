package io.logship.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Which TLS server certificates the S3 client accepts: the JVM's trusted CAs (the default), exactly the CAs of
 * an {@code HTTPSCAFile}, or any certificate for any host ({@code HTTPSAllowUntrusted TRUE}). Host names are
 * verified unless untrusted certificates are allowed. The CA file is read once, when the config is read.
 */
record HttpsTrust(Optional<Path> caFile, List<X509Certificate> cas, boolean allowUntrusted) {
    /** The JVM's trust store and host-name verification: what a config without HTTPS directives gets. */
    static final HttpsTrust SYSTEM = new HttpsTrust(Optional.empty(), List.of(), false);

    HttpsTrust {
        cas = List.copyOf(cas);
    }

    /**
     * Trust exactly the certificates of a PEM (or DER) file: one or more {@code -----BEGIN CERTIFICATE-----}
     * blocks, as in a CA bundle.
     *
     * @throws IllegalArgumentException naming the file and why it cannot be used
     */
    static HttpsTrust caFile(Path file) {
        return new HttpsTrust(Optional.of(file), readCertificates(file), false);
    }

    static HttpsTrust allowingUntrusted() {
        return new HttpsTrust(Optional.empty(), List.of(), true);
    }

    /** The trust managers for the HTTP client, or empty for the JVM's default ones. */
    Optional<TlsTrustManagersProvider> trustManagers() {
        if (caFile.isEmpty() || allowUntrusted) {
            return Optional.empty();
        }
        TrustManager[] managers = trustManagersOf(cas);
        return Optional.of(() -> managers);
    }

    /** Defaults for {@code SdkHttpClient.Builder.buildWithDefaults}: certificate checks off when untrusted is allowed. */
    AttributeMap httpDefaults() {
        return allowUntrusted
                ? AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build()
                : AttributeMap.empty();
    }

    /** For messages: what the client trusts. */
    String describe() {
        if (allowUntrusted) {
            return "any certificate (HTTPSAllowUntrusted TRUE)";
        }
        return caFile.map(f -> "the " + cas.size() + " CA certificate(s) of HTTPSCAFile " + f)
                .orElse("the JVM's trusted CA certificates (its cacerts)");
    }

    private static List<X509Certificate> readCertificates(Path file) {
        List<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(file)) {
            read = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("CA file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CA file " + file + ": " + e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA file " + file + " is not a PEM file of certificates ("
                    + e.getMessage() + ")");
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException("CA file " + file + " holds no certificate (expected PEM blocks"
                    + " -----BEGIN CERTIFICATE-----)");
        }
        return read.stream().map(X509Certificate.class::cast).toList();
    }

    private static TrustManager[] trustManagersOf(List<X509Certificate> cas) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return f.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store from " + cas.size() + " certificates", e);
        }
    }

    @Override
    public String toString() {
        return "HttpsTrust[" + describe() + "]";
    }

    /**
     * An async HTTP client builder that builds with these settings' certificate checks on top of the SDK's
     * defaults (the SDK builds and closes a client given as a builder; one it is handed built, it never closes).
     */
    static final class AsyncBuilder implements SdkAsyncHttpClient.Builder<AsyncBuilder> {
        private final SdkAsyncHttpClient.Builder<?> delegate;
        private final HttpsTrust trust;

        AsyncBuilder(SdkAsyncHttpClient.Builder<?> delegate, HttpsTrust trust) {
            this.delegate = delegate;
            this.trust = trust;
        }

        @Override
        public SdkAsyncHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return delegate.buildWithDefaults(trust.httpDefaults().merge(serviceDefaults));
        }
    }
}
