package io.logship.s3server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A self-signed TLS server certificate made by the JDK's {@code keytool} for tests: a PKCS12 key store for the
 * server and the certificate as PEM for the client's trust ({@code HTTPSCAFile}). Valid for two days.
 *
 * @param keyStore         PKCS12 file with the private key and certificate (alias {@value #ALIAS})
 * @param keyStorePassword password of the key store and its key (a test value, not a secret)
 * @param pem              the certificate in PEM
 * @param certificate      the certificate itself
 */
public record SelfSignedCertificate(Path keyStore, String keyStorePassword, Path pem, X509Certificate certificate) {
    public static final String ALIAS = "server";

    /**
     * Creates the key store and PEM file in {@code dir} for a certificate whose subject alternative names are
     * {@code names}: host names ({@code localhost}) or IP addresses ({@code 127.0.0.1}).
     */
    public static SelfSignedCertificate create(Path dir, String... names) throws IOException {
        String sans = Keytool.subjectAltNames(names);
        Files.createDirectories(dir);
        String base = Keytool.fileName(names);
        Path ks = dir.resolve(base + ".p12");
        Path pem = dir.resolve(base + ".pem");
        String password = Keytool.password();
        Files.deleteIfExists(ks);
        Keytool.run("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=" + names[0], "-ext", "SAN=" + sans,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", password,
                "-keypass", password);
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(ks)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            cert = (X509Certificate) store.getCertificate(ALIAS);
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("keytool wrote an unreadable key store " + ks, e);
        }
        return new SelfSignedCertificate(ks, password, pem, cert);
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificate.getSubjectX500Principal() + ", " + pem + "]";
    }
}
