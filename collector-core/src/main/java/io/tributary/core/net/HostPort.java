package io.tributary.core.net;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Parses a listen {@code endpoint} such as {@code 0.0.0.0:4317}, {@code localhost:0}, {@code [::1]:4318} or {@code :4317}. */
public final class HostPort {
    private HostPort() {
    }

    /** @throws IllegalArgumentException naming the endpoint when it is not host:port */
    public static InetSocketAddress parse(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint is empty");
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' has no port (expected host:port)");
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' has a bad port (expected host:port)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' has a port out of range");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /**
     * An address as Go prints a listener's: {@code 127.0.0.1:4317}, {@code [::1]:4318}, a Unix
     * socket's path, an abstract socket as {@code @name}.
     */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.isUnresolved() ? inet.getHostString() + ":" + inet.getPort() : NetUtil.toSocketAddressString(inet);
        }
        return String.valueOf(address).replaceFirst("^\0", "@");
    }
}
