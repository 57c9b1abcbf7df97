package io.logship.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.slf4j.Logger;

/**
 * PEM files with the JDK only: X.509 certificates through {@link CertificateFactory}, PKCS#8 private keys (RSA,
 * EC, EdDSA), plain or encrypted ({@link EncryptedPrivateKeyInfo}, PBES2 as OpenSSL 3 writes it by default).
 * Messages name the file and never the password.
 */
final class TlsPem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    private TlsPem() {
    }

    record Block(String type, String headers, byte[] der) {
    }

    static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            String headers = "";
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank >= 0) { // RFC 1421 headers (Proc-Type: 4,ENCRYPTED)
                headers = body.substring(0, blank);
                body = body.substring(blank);
            }
            try {
                out.add(new Block(m.group(1), headers, Base64.getMimeDecoder().decode(body.strip())));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": the PEM block " + m.group(1) + " is not valid base64");
            }
        }
        return out;
    }

    /** Every certificate in the file, in order. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.type().equals("CERTIFICATE") || b.type().equals("X509 CERTIFICATE")
                        || b.type().equals("TRUSTED CERTIFICATE")) {
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(file + ": not a valid X.509 certificate (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /**
     * The private key in the file.
     *
     * @param pass the KeyPass, or null when none was configured
     */
    static PrivateKey privateKey(Path file, char[] pass) throws IOException {
        List<Block> keys = blocks(file).stream().filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new IOException(file + ": holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        Block b = keys.get(0);
        byte[] pkcs8;
        switch (b.type()) {
            case "PRIVATE KEY" -> pkcs8 = b.der();
            case "ENCRYPTED PRIVATE KEY" -> {
                if (pass == null) {
                    throw new IOException(file + ": the key is encrypted and no KeyPass is set");
                }
                pkcs8 = decrypt(file, b.der(), pass);
            }
            default -> throw new IOException(file + ": a " + b.type() + (b.headers().contains("ENCRYPTED")
                    ? " (encrypted the OpenSSL legacy way)" : "") + " is not read; convert it to PKCS#8: openssl "
                    + "pkcs8 -topk8 -in " + file.getFileName() + " -out key.pk8 (add -nocrypt for no password)");
        }
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThis) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": the private key is not an RSA, EC or EdDSA PKCS#8 key");
    }

    private static byte[] decrypt(Path file, byte[] der, char[] pass) throws IOException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            String alg = info.getAlgName();
            if (alg.equalsIgnoreCase("PBES2") || alg.equals("1.2.840.113549.1.5.13")) {
                alg = params.toString(); // e.g. PBEWithHmacSHA256AndAES_256
            }
            SecretKeyFactory f = SecretKeyFactory.getInstance(alg);
            PBEKeySpec spec = new PBEKeySpec(pass);
            try {
                Cipher cipher = Cipher.getInstance(alg);
                cipher.init(Cipher.DECRYPT_MODE, f.generateSecret(spec), params);
                return info.getKeySpec(cipher).getEncoded();
            } finally {
                spec.clearPassword();
                Arrays.fill(pass, '\0');
            }
        } catch (InvalidKeySpecException e) {
            throw new IOException(file + ": the key cannot be decrypted with KeyPass (wrong KeyPass?)");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": the key's encryption is not supported by this JVM ("
                    + e.getClass().getSimpleName() + "); re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc");
        }
    }

    /** Logs a warning when the key file can be read by its group or by others. */
    static void warnIfShared(Path key, Logger log, String what) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("{}: private key file {} is readable by {} ({}); make it readable by its owner only: "
                                + "chmod 600 {}", what, key, perms.contains(PosixFilePermission.OTHERS_READ)
                                ? "every user" : "its group", PosixFilePermissions.toString(perms), key);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
