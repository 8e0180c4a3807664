package io.tributary.extension.basicauth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * The users of an htpasswd text and their password hashes, in every format otelcol's basicauth
 * accepts (through go-htpasswd): bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), Apache MD5
 * ({@code $apr1$}), SHA-crypt ({@code $5$}, {@code $6$}), {@code {SHA}}, {@code {SSHA}}, and
 * anything else as a plain-text password. A later line for the same user wins.
 */
final class HtpasswdFile {
    private final Map<String, String> hashes;

    private HtpasswdFile(Map<String, String> hashes) {
        this.hashes = hashes;
    }

    /** Lines of {@code user:hash}; blank lines and {@code #} comments are skipped. */
    static HtpasswdFile parse(String text) {
        Map<String, String> hashes = new HashMap<>();
        text.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                hashes.put(line.substring(0, colon), line.substring(colon + 1));
            }
        });
        return new HtpasswdFile(Map.copyOf(hashes));
    }

    int size() {
        return hashes.size();
    }

    boolean matches(String user, String password) {
        String hash = hashes.get(user);
        return hash != null && verify(hash, password);
    }

    private static boolean verify(String hash, String password) {
        try {
            if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
                return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                        hash.getBytes(StandardCharsets.UTF_8)).verified;
            }
            if (hash.startsWith("$apr1$")) {
                return same(Md5Crypt.apr1Crypt(password.getBytes(StandardCharsets.UTF_8), hash), hash);
            }
            if (hash.startsWith("$5$")) {
                return same(Sha2Crypt.sha256Crypt(password.getBytes(StandardCharsets.UTF_8), hash), hash);
            }
            if (hash.startsWith("$6$")) {
                return same(Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), hash), hash);
            }
            if (hash.startsWith("{SHA}")) {
                return same(Base64.getEncoder().encodeToString(sha1(password.getBytes(StandardCharsets.UTF_8))), hash.substring(5));
            }
            if (hash.startsWith("{SSHA}")) {
                return ssha(hash.substring(6), password);
            }
        } catch (IllegalArgumentException e) {
            // A malformed hash, or a password bcrypt cannot take (over 72 bytes): no match, as in go-htpasswd.
            return false;
        }
        return same(password, hash);
    }

    /** Base64 of SHA-1(password ‖ salt) ‖ salt. */
    private static boolean ssha(String encoded, String password) {
        byte[] decoded = Base64.getDecoder().decode(encoded);
        if (decoded.length <= 20) {
            return false;
        }
        byte[] digest = Arrays.copyOf(decoded, 20);
        byte[] salt = Arrays.copyOfRange(decoded, 20, decoded.length);
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] salted = Arrays.copyOf(pw, pw.length + salt.length);
        System.arraycopy(salt, 0, salted, pw.length, salt.length);
        return MessageDigest.isEqual(sha1(salted), digest);
    }

    private static byte[] sha1(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
