package io.logship.lang.core;

import static io.logship.lang.ExecFunction.function;

import io.logship.lang.ExecError;
import io.logship.lang.ExecFunction;
import io.logship.lang.Types;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code md5sum}, {@code sha1sum}, {@code sha256sum}, {@code sha512sum}: the hash of a string (its UTF-8 bytes) or
 * binary value as lower-case hexadecimal. One digest per thread and algorithm.
 */
final class DigestFunctions {
    private DigestFunctions() {
    }

    static List<ExecFunction> functions() {
        return List.of(digest("md5sum", "MD5"), digest("sha1sum", "SHA-1"), digest("sha256sum", "SHA-256"),
                digest("sha512sum", "SHA-512"));
    }

    private static ExecFunction digest(String name, String algorithm) {
        ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
            }
        });
        return function(name, 1, 1, Types.STRING, "the " + algorithm + " hash of a string or binary value, in hex",
                (ctx, a) -> {
                    Object v = a[0];
                    byte[] bytes;
                    if (v == null) {
                        return null;
                    } else if (v instanceof String s) {
                        bytes = s.getBytes(StandardCharsets.UTF_8);
                    } else if (v instanceof byte[] b) {
                        bytes = b;
                    } else {
                        throw new ExecError(name + "(): argument 1 must be string or binary, not "
                                + Types.typeName(v));
                    }
                    MessageDigest md = digests.get();
                    md.reset();
                    return HexFormat.of().formatHex(md.digest(bytes));
                });
    }
}
