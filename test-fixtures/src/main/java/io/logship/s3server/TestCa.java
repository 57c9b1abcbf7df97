package io.logship.s3server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority for tests, made with the JDK's {@code keytool}: it issues TLS server certificates
 * signed by its key, so clients trust the CA ({@link #pem()} as {@code HTTPSCAFile}) rather than each server
 * certificate. Valid for two days.
 *
 * @param keyStore PKCS12 file with the CA's key and self-signed certificate (alias {@value #ALIAS})
 * @param password password of the key store and its key (a test value, not a secret)
 * @param pem      the CA certificate in PEM
 */
public record TestCa(Path keyStore, String password, Path pem) {
    static final String ALIAS = "ca";

    /** Creates the CA in {@code dir} with subject {@code CN=name}. */
    public static TestCa create(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path ks = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        String password = Keytool.password();
        Files.deleteIfExists(ks);
        Keytool.run("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=" + name, "-ext", "bc:c", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", password, "-keypass", password);
        Keytool.run("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", ks.toString(), "-storepass", password,
                "-file", pem.toString());
        return new TestCa(ks, password, pem);
    }

    /**
     * A server key store (alias {@value SelfSignedCertificate#ALIAS}, with the chain to this CA) for a certificate
     * whose subject alternative names are {@code names}, valid for one day from now.
     */
    public ServerKeyStore issue(Path dir, String... names) throws IOException {
        return issue(dir, null, 1, names);
    }

    /** As {@link #issue}, but valid for one day from three days ago: expired two days ago. */
    public ServerKeyStore issueExpired(Path dir, String... names) throws IOException {
        return issue(dir, "-3d", 1, names);
    }

    private ServerKeyStore issue(Path dir, String startDate, int days, String... names) throws IOException {
        Files.createDirectories(dir);
        String base = (startDate == null ? "valid-" : "expired-") + Keytool.fileName(names);
        Path ks = dir.resolve(base + ".p12");
        Path csr = dir.resolve(base + ".csr");
        Path crt = dir.resolve(base + ".crt");
        String pw = Keytool.password();
        Files.deleteIfExists(ks);
        String alias = SelfSignedCertificate.ALIAS;
        Keytool.run("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=" + names[0], "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", pw, "-keypass", pw);
        Keytool.run("-certreq", "-alias", alias, "-keystore", ks.toString(), "-storepass", pw, "-file", csr.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", ALIAS, "-keystore", keyStore.toString(),
                "-storepass", password, "-infile", csr.toString(), "-outfile", crt.toString(), "-rfc",
                "-ext", "SAN=" + Keytool.subjectAltNames(names), "-ext", "eku=serverAuth",
                "-validity", String.valueOf(days)));
        if (startDate != null) {
            gencert.addAll(List.of("-startdate", startDate));
        }
        Keytool.run(gencert.toArray(String[]::new));
        Keytool.run("-importcert", "-noprompt", "-alias", ALIAS, "-file", pem.toString(), "-keystore", ks.toString(),
                "-storepass", pw);
        Keytool.run("-importcert", "-alias", alias, "-file", crt.toString(), "-keystore", ks.toString(),
                "-storepass", pw);
        return new ServerKeyStore(ks, pw);
    }

    @Override
    public String toString() {
        return "TestCa[" + pem + "]";
    }

    /** A PKCS12 key store with a server's key and certificate chain, for {@link HttpsS3#start(ServerKeyStore)}. */
    public record ServerKeyStore(Path path, String password) {
        @Override
        public String toString() {
            return "ServerKeyStore[" + path + "]";
        }
    }
}
