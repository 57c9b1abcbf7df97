package io.logship.s3server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        if (names.length == 0) {
            throw new IllegalArgumentException("at least one host name or IP address");
        }
        Files.createDirectories(dir);
        String base = String.join("_", names).replaceAll("[^A-Za-z0-9_.-]", "_");
        Path ks = dir.resolve(base + ".p12");
        Path pem = dir.resolve(base + ".pem");
        String password = "test-only-" + Long.toHexString(System.nanoTime());
        List<String> san = new ArrayList<>();
        for (String n : names) {
            san.add((n.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + n);
        }
        Files.deleteIfExists(ks);
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=" + names[0], "-ext", "SAN=" + String.join(",", san),
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

    private static void keytool(String... args) throws IOException {
        Path exe = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed (exit " + p.exitValue() + "): " + out.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificate.getSubjectX500Principal() + ", " + pem + "]";
    }
}
