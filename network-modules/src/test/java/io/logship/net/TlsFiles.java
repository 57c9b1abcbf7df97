package io.logship.net;

import io.logship.s3server.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * PEM files as an admin has them (certificate chain, PKCS#8 key) for TLS tests: the CA is a {@link TestCa}
 * (keytool), its key exported to PEM; leaf certificates are signed with it by {@code openssl} (fast: keytool takes
 * seconds per certificate here). Leaves carry the given subject alternative names and both server and client
 * extended key usage. Tests using this are skipped, with the reason, when openssl is not installed.
 */
record TlsFiles(Path cert, Path key, Path caPem) {
    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    /** A CA in PEM: certificate and unencrypted key. */
    record Ca(Path pem, Path key) {
        /** The TestCa's certificate and its key exported as PKCS#8 PEM. */
        static Ca of(TestCa ca, Path dir) throws IOException, GeneralSecurityException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ca.keyStore())) {
                ks.load(in, ca.password().toCharArray());
            }
            String alias = ks.aliases().nextElement();
            PrivateKey key = (PrivateKey) ks.getKey(alias, ca.password().toCharArray());
            Files.createDirectories(dir);
            Path keyFile = dir.resolve("ca-key.pem");
            Files.writeString(keyFile, TlsFiles.pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            return new Ca(ca.pem(), keyFile);
        }

        /** A self-signed CA made by openssl (another authority than the TestCa). */
        static Ca selfSigned(Path dir, String name) throws IOException {
            Files.createDirectories(dir);
            Path pem = dir.resolve("ca.pem");
            Path key = dir.resolve("ca-key.pem");
            openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key.toString(), "-out", pem.toString(), "-subj", "/CN=" + name, "-days", "2");
            return new Ca(pem, key);
        }
    }

    static TlsFiles issue(Ca ca, Path dir, String... names) throws IOException {
        return sign(ca, dir, false, names);
    }

    /** Valid from three days ago to two days ago. */
    static TlsFiles issueExpired(Ca ca, Path dir, String... names) throws IOException {
        return sign(ca, dir, true, names);
    }

    private static TlsFiles sign(Ca ca, Path dir, boolean expired, String... names) throws IOException {
        Files.createDirectories(dir);
        String base = (expired ? "expired-" : "") + String.join("_", names).replaceAll("[^A-Za-z0-9_.-]", "_");
        Path key = dir.resolve(base + "-key.pem");
        Path csr = dir.resolve(base + ".csr");
        Path leaf = dir.resolve(base + "-leaf.pem");
        Path ext = dir.resolve(base + ".ext");
        List<String> san = new ArrayList<>();
        for (String n : names) {
            san.add((n.matches("[0-9.]+|.*:.*") ? "IP:" : "DNS:") + n);
        }
        Files.writeString(ext, "subjectAltName=" + String.join(",", san)
                + "\nextendedKeyUsage=serverAuth,clientAuth\n");
        openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-subj", "/CN=" + names[0], "-out", csr.toString());
        if (expired) {
            Path cnf = dir.resolve("ca.cnf");
            Files.writeString(cnf, "[ca]\ndefault_ca=d\n[d]\ndatabase=" + dir.resolve("index.txt")
                    + "\nnew_certs_dir=" + dir + "\nserial=" + dir.resolve("serial")
                    + "\npolicy=p\ndefault_md=sha256\n[p]\ncommonName=supplied\n");
            Files.writeString(dir.resolve("index.txt"), "");
            Files.writeString(dir.resolve("serial"), String.format("%02X%n", SERIAL.incrementAndGet() + 16));
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            openssl(dir, "ca", "-batch", "-config", cnf.toString(), "-cert", ca.pem().toString(), "-keyfile",
                    ca.key().toString(), "-in", csr.toString(), "-out", leaf.toString(), "-notext", "-startdate",
                    f.format(now.minusDays(3)), "-enddate", f.format(now.minusDays(2)), "-extfile", ext.toString());
        } else {
            openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.pem().toString(), "-CAkey",
                    ca.key().toString(), "-set_serial", String.valueOf(SERIAL.incrementAndGet()), "-days", "1",
                    "-extfile", ext.toString(), "-out", leaf.toString());
        }
        Path cert = dir.resolve(base + "-cert.pem");
        Files.writeString(cert, Files.readString(leaf) + Files.readString(ca.pem()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new TlsFiles(cert, key, ca.pem());
    }

    /** The key encrypted by {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} (PBES2, PBKDF2-HMAC-SHA256). */
    Path encryptedKey(String password) throws IOException {
        Path out = key.resolveSibling(key.getFileName() + ".enc");
        openssl(key.getParent(), "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key.toString(), "-out",
                out.toString(), "-passout", "pass:" + password);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        return out;
    }

    static void openssl(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed (apt-get install openssl): " + e.getMessage());
            throw e;
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("openssl " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
