package io.logship.net;

import io.logship.api.Directive;
import java.nio.file.Path;
import java.util.List;

/**
 * NXLog's TLS directives, shared by om_ssl (and om_tcp with TLS) and im_ssl. Parsed and checked together by
 * {@link TlsSettings}. The defaults are safe: TLS 1.2 or 1.3 only, the peer's certificate chain verified against
 * CAFile/CADir (or the JVM's trusted roots) and, on the client side, the host name checked against it.
 */
final class TlsDirectives {
    static final Directive<Path> CA_FILE = Directive.path("CAFile")
            .withDefaultText("the JVM's trusted root certificates (when CADir is not set either)")
            .withDoc("PEM file with the certificate(s) of the authorities that sign the peer's certificate. "
                    + "Without CAFile and CADir the JVM's own trusted roots are used.");
    static final Directive<Path> CA_DIR = Directive.path("CADir")
            .withDoc("Directory of PEM files (any name, OpenSSL's hashed names included) with trusted CA "
                    + "certificates; every regular file in it that holds PEM certificates is read at start.");
    static final Directive<Path> CERT_FILE = Directive.path("CertFile")
            .withDoc("PEM file with this side's certificate, then any intermediate certificates. Required by "
                    + "im_ssl; on om_ssl only when the receiver asks for a client certificate.");
    static final Directive<Path> CERT_KEY_FILE = Directive.path("CertKeyFile")
            .withDoc("PEM file with the private key of CertFile: PKCS#8 (`BEGIN PRIVATE KEY`), or encrypted PKCS#8 "
                    + "(`BEGIN ENCRYPTED PRIVATE KEY`) with KeyPass; RSA or EC. Convert other forms with "
                    + "`openssl pkcs8 -topk8`. A file readable by group or others is logged as a warning.");
    static final Directive<String> KEY_PASS = Directive.string("KeyPass").secret()
            .withDoc("Password of an encrypted CertKeyFile. Never logged.");
    static final Directive<Boolean> ALLOW_UNTRUSTED = Directive.bool("AllowUntrusted").withDefault(false)
            .withDoc("FALSE: the peer's certificate must chain to a trusted CA and (om_ssl) name the host "
                    + "connected to. TRUE: any certificate is accepted and the host name is not checked: the "
                    + "connection is encrypted but not authenticated.");
    static final Directive<Boolean> ALLOW_EXPIRED = Directive.bool("AllowExpired").withDefault(false)
            .withDoc("TRUE: a certificate that is expired (or not yet valid) but otherwise trusted is accepted. "
                    + "FALSE: it is refused.");
    static final Directive<String> SSL_PROTOCOL = Directive.string("SSLProtocol").withDefault("TLSv1.2, TLSv1.3")
            .withDoc("Comma-separated TLS versions allowed: TLSv1.2, TLSv1.3. The older SSLv2, SSLv3, TLSv1 and "
                    + "TLSv1.1 are refused at start (insecure).");
    static final Directive<String> SSL_CIPHER = Directive.string("SSLCipher")
            .withDefaultText("the JVM's default cipher suites")
            .withDoc("Cipher suites allowed, separated by ':' or ',': OpenSSL names "
                    + "(ECDHE-RSA-AES128-GCM-SHA256) or IANA/JDK names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). "
                    + "OpenSSL keywords and exclusions (HIGH, !aNULL, ...) keep the JVM's defaults, which exclude "
                    + "anonymous, NULL, export and RC4 suites; a warning says so.");
    static final Directive<Boolean> SSL_COMPRESSION = Directive.bool("SSLCompression").withDefault(false)
            .withDoc("FALSE only: TLS compression (CRIME attack) is not supported; TRUE is refused at start.");
    static final Directive<Boolean> REQUIRE_CERT = Directive.bool("RequireCert").withDefault(true)
            .withDoc("im_ssl: TRUE: a client must present a certificate (verified unless AllowUntrusted). "
                    + "FALSE: clients without a certificate are accepted.");

    /** om_ssl's and om_tcp's TLS directives. */
    static final List<Directive<?>> CLIENT = List.of(CA_FILE, CA_DIR, CERT_FILE, CERT_KEY_FILE, KEY_PASS,
            ALLOW_UNTRUSTED, ALLOW_EXPIRED, SSL_PROTOCOL, SSL_CIPHER, SSL_COMPRESSION);
    /** im_ssl's TLS directives. */
    static final List<Directive<?>> SERVER = List.of(CA_FILE, CA_DIR, CERT_FILE, CERT_KEY_FILE, KEY_PASS,
            ALLOW_UNTRUSTED, ALLOW_EXPIRED, REQUIRE_CERT, SSL_PROTOCOL, SSL_CIPHER, SSL_COMPRESSION);

    private TlsDirectives() {
    }
}
