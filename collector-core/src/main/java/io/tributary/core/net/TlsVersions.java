package io.tributary.core.net;

import io.tributary.config.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/** configtls's {@code min_version}, {@code max_version} and {@code cipher_suites}, as JSSE protocol and cipher suite names. */
public final class TlsVersions {
    private static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3");
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** Go fixes the TLS 1.3 suites (cipher_suites applies to 1.2 and below), so they stay enabled whatever the list says. */
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private TlsVersions() {
    }

    /**
     * The protocol versions from {@code min} to {@code max}, newest first; otelcol's defaults are
     * 1.2 and 1.3. The JDK disables 1.0 and 1.1 itself, so asking for them changes nothing.
     *
     * @return null when neither is set (the JDK's defaults, TLS 1.3 and 1.2)
     * @throws IllegalArgumentException for an unknown version or a minimum above the maximum
     */
    public static List<String> protocols(String min, String max) {
        boolean noMin = min == null || min.isEmpty();
        boolean noMax = max == null || max.isEmpty();
        if (noMin && noMax) {
            return null;
        }
        int from = noMin ? VERSIONS.indexOf("1.2") : index("min_version", min);
        int to = noMax ? VERSIONS.size() - 1 : index("max_version", max);
        if (from > to) {
            throw new IllegalArgumentException("tls: min_version " + min + " is greater than max_version " + max);
        }
        List<String> protocols = new ArrayList<>(PROTOCOLS.subList(from, to + 1));
        java.util.Collections.reverse(protocols);
        return protocols;
    }

    private static int index(String key, String version) {
        int index = VERSIONS.indexOf(version);
        if (index < 0) {
            throw new IllegalArgumentException(unsupported(key, version));
        }
        return index;
    }

    /** Records an unknown {@code min_version} or {@code max_version} at its key, with otelcol's message. */
    public static void check(Problems problems, String min, String max) {
        problems.when(min != null && !min.isEmpty() && !VERSIONS.contains(min), "min_version", unsupported("min_version", min));
        problems.when(max != null && !max.isEmpty() && !VERSIONS.contains(max), "max_version", unsupported("max_version", max));
    }

    private static String unsupported(String key, String version) {
        return "invalid TLS " + key + ": unsupported TLS version: \"" + version + "\" (use 1.0, 1.1, 1.2 or 1.3)";
    }

    /**
     * The suites {@code cipher_suites} names (Go and JSSE share the IANA names), plus the TLS 1.3 suites.
     *
     * @return null when the list is empty (the JDK's defaults)
     * @throws IllegalArgumentException naming a suite the JDK does not support
     */
    public static List<String> cipherSuites(List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        Set<String> supported;
        try {
            supported = new TreeSet<>(Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        for (String name : names) {
            if (!supported.contains(name)) {
                throw new IllegalArgumentException("tls: invalid TLS cipher suite: \"" + name + "\"");
            }
            if (!suites.contains(name)) {
                suites.add(name);
            }
        }
        return suites;
    }
}
