package io.tributary.receiver.prometheus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate is valid for a name, as Go's {@code VerifyHostname} decides: an IP
 * address against the IP subject alternative names, a host name against the DNS ones (a
 * {@code *} standing for the whole leftmost label); the subject's common name is not read.
 */
final class HostnameMatch {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private HostnameMatch() {
    }

    static boolean matches(X509Certificate certificate, String name) {
        Collection<List<?>> alternatives;
        try {
            alternatives = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (alternatives == null) {
            return false;
        }
        String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        InetAddress ip = ipLiteral(host);
        for (List<?> alternative : alternatives) {
            int type = (Integer) alternative.get(0);
            String value = String.valueOf(alternative.get(1));
            if (ip != null ? type == IP_ADDRESS && ip.equals(ipLiteral(value)) : type == DNS_NAME && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1));
    }

    private static InetAddress ipLiteral(String text) {
        if (!text.matches("[0-9.]+") && !(text.contains(":") && text.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
