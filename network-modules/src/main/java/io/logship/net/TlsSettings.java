package io.logship.net;

import io.logship.api.ConfigException;
import io.logship.api.Directive;
import io.logship.api.LogshipException;
import io.logship.api.ModuleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;

/**
 * The TLS directives of one module instance ({@link TlsDirectives}), checked together: versions older than TLS 1.2
 * and SSLCompression TRUE are refused, cipher names are mapped to the JVM's, the files must exist, a server needs a
 * certificate and key. {@link #open} reads the files and builds the {@link TlsContext} (at start). The key password
 * is kept here and never printed: not by {@link #toString}, not in any message.
 */
final class TlsSettings {
    private static final Set<String> OLD = Set.of("sslv2", "sslv3", "tlsv1", "tlsv1.0", "tlsv1.1");

    final String instance;
    final boolean server;
    final Path caFile;
    final Path caDir;
    final Path certFile;
    final Path certKeyFile;
    private final char[] keyPass;
    final boolean allowUntrusted;
    final boolean allowExpired;
    final boolean requireCert;
    final List<String> protocols;
    /** Explicit cipher suites (JDK names), or empty for the JVM's defaults. */
    final List<String> cipherSuites;
    /** OpenSSL keywords of SSLCipher that were not mapped (warned about at start). */
    final List<String> ignoredCipherWords;
    private final String keyLocation;

    private TlsSettings(ModuleConfig c, boolean server, List<String> protocols, List<String> suites,
                        List<String> ignored) {
        this.instance = c.instanceName();
        this.server = server;
        this.caFile = c.get(TlsDirectives.CA_FILE);
        this.caDir = c.get(TlsDirectives.CA_DIR);
        this.certFile = c.get(TlsDirectives.CERT_FILE);
        this.certKeyFile = c.get(TlsDirectives.CERT_KEY_FILE);
        String pass = c.get(TlsDirectives.KEY_PASS);
        this.keyPass = pass == null ? null : pass.toCharArray();
        this.allowUntrusted = c.get(TlsDirectives.ALLOW_UNTRUSTED);
        this.allowExpired = c.get(TlsDirectives.ALLOW_EXPIRED);
        this.requireCert = server && c.get(TlsDirectives.REQUIRE_CERT);
        this.protocols = protocols;
        this.cipherSuites = suites;
        this.ignoredCipherWords = ignored;
        this.keyLocation = c.location(TlsDirectives.CERT_KEY_FILE);
    }

    /** om_ssl's settings ({@link TlsDirectives#CLIENT}). */
    static TlsSettings client(ModuleConfig config) throws ConfigException {
        return of(config, false);
    }

    /** im_ssl's settings ({@link TlsDirectives#SERVER}): CertFile and CertKeyFile are required. */
    static TlsSettings server(ModuleConfig config) throws ConfigException {
        return of(config, true);
    }

    private static TlsSettings of(ModuleConfig c, boolean server) throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<String> protocols = protocols(c, problems);
        List<String> suites = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        ciphers(c, suites, ignored, problems);
        if (Boolean.TRUE.equals(c.get(TlsDirectives.SSL_COMPRESSION))) {
            problems.add(c.problem(TlsDirectives.SSL_COMPRESSION, "TLS compression is not supported (it exposes "
                    + "secrets to the CRIME attack and the JDK has none); remove the directive or set it FALSE")
                    .getMessage());
        }
        fileProblem(c, TlsDirectives.CA_FILE, false, problems);
        fileProblem(c, TlsDirectives.CA_DIR, true, problems);
        fileProblem(c, TlsDirectives.CERT_FILE, false, problems);
        fileProblem(c, TlsDirectives.CERT_KEY_FILE, false, problems);
        boolean cert = c.isSet(TlsDirectives.CERT_FILE);
        boolean key = c.isSet(TlsDirectives.CERT_KEY_FILE);
        if (cert != key) {
            Directive<?> missing = cert ? TlsDirectives.CERT_KEY_FILE : TlsDirectives.CERT_FILE;
            Directive<?> given = cert ? TlsDirectives.CERT_FILE : TlsDirectives.CERT_KEY_FILE;
            problems.add(c.problem(given, given.name() + " needs " + missing.name() + " too").getMessage());
        } else if (server && !cert) {
            problems.add(c.problem(TlsDirectives.CERT_FILE, "a TLS server needs its certificate: set CertFile and "
                    + "CertKeyFile").getMessage());
        }
        if (c.isSet(TlsDirectives.KEY_PASS) && !key) {
            problems.add(c.problem(TlsDirectives.KEY_PASS, "KeyPass is set but there is no CertKeyFile to decrypt")
                    .getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TlsSettings(c, server, protocols, suites, ignored);
    }

    private static List<String> protocols(ModuleConfig c, List<String> problems) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : c.get(TlsDirectives.SSL_PROTOCOL).split("[,\\s]+")) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            if (w.equals("tlsv1.2") || w.equals("tlsv1.3")) {
                out.add("TLSv1." + w.charAt(w.length() - 1));
            } else if (OLD.contains(w)) {
                problems.add(c.problem(TlsDirectives.SSL_PROTOCOL, word + " is older than TLS 1.2 and refused "
                        + "(insecure); allow TLSv1.2 and/or TLSv1.3").getMessage());
            } else {
                problems.add(c.problem(TlsDirectives.SSL_PROTOCOL, "'" + word + "' is not a TLS version; use "
                        + "TLSv1.2 and/or TLSv1.3").getMessage());
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add(c.problem(TlsDirectives.SSL_PROTOCOL, "names no TLS version").getMessage());
        }
        return List.copyOf(out);
    }

    private static void ciphers(ModuleConfig c, List<String> suites, List<String> ignored, List<String> problems) {
        String value = c.get(TlsDirectives.SSL_CIPHER);
        if (value == null) {
            return;
        }
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no TLS", e);
        }
        for (String word : value.split("[:,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String jdk = jdkCipherName(word);
            if (jdk == null) {
                ignored.add(word);
            } else if (supported.contains(jdk)) {
                suites.add(jdk);
            } else {
                problems.add(c.problem(TlsDirectives.SSL_CIPHER, "'" + word + "'" + (jdk.equals(word) ? ""
                        : " (" + jdk + ")") + " is not a cipher suite this JVM supports").getMessage());
            }
        }
    }

    /** The JDK (IANA) name of an OpenSSL or IANA cipher suite name, or null for an OpenSSL keyword. */
    static String jdkCipherName(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        if (w.startsWith("TLS_") || w.startsWith("SSL_")) {
            return w;
        }
        if ("!-+@".indexOf(w.charAt(0)) >= 0 || !w.contains("-")) {
            return null; // HIGH, DEFAULT, !aNULL, @STRENGTH, ...
        }
        String kx = "RSA";
        for (String p : List.of("ECDHE-RSA-", "ECDHE-ECDSA-", "DHE-RSA-", "DHE-DSS-")) {
            if (w.startsWith(p)) {
                kx = p.substring(0, p.length() - 1).replace('-', '_');
                w = w.substring(p.length());
                break;
            }
        }
        String bulk;
        if (w.startsWith("CHACHA20-POLY1305")) {
            bulk = "CHACHA20_POLY1305_SHA256";
        } else if (w.matches("AES(128|256)-GCM-SHA(256|384)")) {
            bulk = "AES_" + w.substring(3, 6) + "_GCM_" + w.substring(w.lastIndexOf('-') + 1);
        } else if (w.matches("AES(128|256)-SHA(256|384)?")) {
            bulk = "AES_" + w.substring(3, 6) + "_CBC_" + w.substring(w.lastIndexOf('-') + 1);
        } else {
            return "TLS_" + kx + "_WITH_" + w.replace('-', '_');
        }
        return "TLS_" + kx + "_WITH_" + bulk;
    }

    private static void fileProblem(ModuleConfig c, Directive<Path> d, boolean dir, List<String> problems) {
        Path p = c.get(d);
        if (p == null) {
            return;
        }
        if (dir ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            problems.add(c.problem(d, p + (Files.exists(p) ? " is not a " + (dir ? "directory" : "file")
                    : " does not exist")).getMessage());
        } else if (!Files.isReadable(p)) {
            problems.add(c.problem(d, p + " is not readable by this user").getMessage());
        }
    }

    /**
     * Reads the certificates and key and builds the context; warns (once, here) about a key file readable by
     * group or others and about SSLCipher keywords that were not mapped.
     *
     * @throws LogshipException naming the file and what is wrong with it (never the key password)
     */
    TlsContext open(Logger log) throws LogshipException {
        if (!ignoredCipherWords.isEmpty()) {
            log.warn("{}: SSLCipher: OpenSSL keywords {} have no JDK equivalent; {}", instance, ignoredCipherWords,
                    cipherSuites.isEmpty() ? "the JVM's default cipher suites are used (no anonymous, NULL, export "
                            + "or RC4 suites)" : "only the named suites " + cipherSuites + " are used");
        }
        if (certKeyFile != null) {
            TlsPem.warnIfShared(certKeyFile, log, instance + ": CertKeyFile (" + keyLocation + ")");
        }
        return TlsContext.build(this);
    }

    /** The key password (a copy), or null. */
    char[] keyPass() {
        return keyPass == null ? null : keyPass.clone();
    }

    @Override
    public String toString() {
        return "TlsSettings[" + instance + (server ? " server" : " client") + " protocols=" + protocols
                + (caFile == null ? "" : " CAFile=" + caFile) + (caDir == null ? "" : " CADir=" + caDir)
                + (certFile == null ? "" : " CertFile=" + certFile)
                + (keyPass == null ? "" : " KeyPass=(set)") + (allowUntrusted ? " AllowUntrusted" : "")
                + (allowExpired ? " AllowExpired" : "") + (requireCert ? " RequireCert" : "") + "]";
    }
}
