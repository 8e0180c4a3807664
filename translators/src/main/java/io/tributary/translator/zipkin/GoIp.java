package io.tributary.translator.zipkin;

import java.util.HexFormat;

/**
 * An IP address's bytes as text the way Go's {@code net.IP.String} writes them (otelcol writes
 * Zipkin v1 Thrift endpoints so): IPv4 and IPv4-mapped IPv6 dotted, other IPv6 in lowercase hex
 * with the first longest run of two or more zero groups written {@code ::}. Java's
 * {@code InetAddress} writes IPv6 uncompressed.
 */
final class GoIp {
    private GoIp() {
    }

    static String format(byte[] ip) {
        if (ip.length == 4) {
            return dotted(ip, 0);
        }
        if (ip.length != 16) {
            return "?" + HexFormat.of().formatHex(ip);
        }
        if (isIpv4Mapped(ip)) {
            return dotted(ip, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (ip[2 * i] & 0xff) << 8 | ip[2 * i + 1] & 0xff;
        }
        int runStart = -1;
        int runLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (runLength >= 2 && i == runStart) {
                out.append("::");
                i += runLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static String dotted(byte[] ip, int from) {
        return (ip[from] & 0xff) + "." + (ip[from + 1] & 0xff) + "." + (ip[from + 2] & 0xff) + "." + (ip[from + 3] & 0xff);
    }
}
