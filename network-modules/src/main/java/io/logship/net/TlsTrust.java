package io.logship.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust managers for {@link TlsContext}: the JDK's PKIX one over the configured anchors; with AllowExpired, a
 * chain refused only for its dates is checked again as of a moment when every certificate of it was valid (so
 * the signatures, the anchors and the host name are still checked); with AllowUntrusted, one that accepts all.
 */
final class TlsTrust {
    private TlsTrust() {
    }

    static X509ExtendedTrustManager pkix(KeyStore anchors, boolean allowExpired) throws GeneralSecurityException {
        X509ExtendedTrustManager strict = manager(anchors, null);
        return allowExpired ? new ExpiredAllowed(strict, anchors) : strict;
    }

    private static X509ExtendedTrustManager manager(KeyStore anchors, Date at) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        if (at == null) {
            tmf.init(anchors);
        } else {
            PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, new X509CertSelector());
            p.setRevocationEnabled(false);
            p.setDate(at);
            tmf.init(new CertPathTrustManagerParameters(p));
        }
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }

    /** True when the failure is only about a certificate's validity dates. */
    static boolean isDateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return true;
            }
            if (t instanceof CertPathValidatorException v && (v.getReason() == BasicReason.EXPIRED
                    || v.getReason() == BasicReason.NOT_YET_VALID)) {
                return true;
            }
        }
        return false;
    }

    /** A moment when every certificate of the chain was valid, or the leaf's last valid moment. */
    private static Date validMoment(X509Certificate[] chain) {
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        for (X509Certificate c : chain) {
            from = Math.max(from, c.getNotBefore().getTime());
            to = Math.min(to, c.getNotAfter().getTime());
        }
        return new Date(from <= to ? to - 1000 : chain[0].getNotAfter().getTime() - 1000);
    }

    static final class ExpiredAllowed extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager strict;
        private final KeyStore anchors;

        ExpiredAllowed(X509ExtendedTrustManager strict, KeyStore anchors) {
            this.strict = strict;
            this.anchors = anchors;
        }

        private interface Check {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void check(X509Certificate[] chain, Check c) throws CertificateException {
            try {
                c.run(strict);
            } catch (CertificateException e) {
                if (!isDateProblem(e)) {
                    throw e;
                }
                try {
                    c.run(manager(anchors, validMoment(chain)));
                } catch (GeneralSecurityException g) {
                    throw new CertificateException(g.getMessage(), g);
                }
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            check(chain, tm -> tm.checkClientTrusted(chain, authType, s));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            check(chain, tm -> tm.checkServerTrusted(chain, authType, s));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e)
                throws CertificateException {
            check(chain, tm -> tm.checkClientTrusted(chain, authType, e));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e)
                throws CertificateException {
            check(chain, tm -> tm.checkServerTrusted(chain, authType, e));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, tm -> tm.checkClientTrusted(chain, authType));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return strict.getAcceptedIssuers();
        }
    }

    /** AllowUntrusted TRUE: every certificate is accepted (and, with no endpoint identification, any name). */
    static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
