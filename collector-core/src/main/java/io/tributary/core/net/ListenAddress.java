package io.tributary.core.net;

import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A server's {@code transport} and {@code endpoint} (otelcol's confignet address): for
 * {@code tcp}, {@code tcp4} and {@code tcp6} the endpoint is host:port; for {@code unix} it is the
 * path of the socket file, which the server creates when it starts (it fails if the file exists,
 * as otelcol does) and removes when it stops; a name starting with {@code @} is in Linux's abstract
 * namespace, where no file is made, as Go's listener has it.
 */
public final class ListenAddress {
    /** The transports otelcol's gRPC and HTTP servers can listen on. */
    public static final List<String> TRANSPORTS = List.of("tcp", "tcp4", "tcp6", "unix");

    private ListenAddress() {
    }

    /** @throws IllegalArgumentException for another transport, an empty socket path, or an endpoint that is not host:port */
    public static SocketAddress of(String transport, String endpoint) {
        checkTransport(transport);
        if (!transport.equals("unix")) {
            return HostPort.parse(endpoint);
        }
        if (endpoint == null || endpoint.isEmpty()) {
            throw new IllegalArgumentException("endpoint: a unix socket path is required with transport unix");
        }
        return new DomainSocketAddress(endpoint.startsWith("@") ? "\0" + endpoint.substring(1) : endpoint);
    }

    /** @throws IllegalArgumentException for a transport the servers cannot listen on */
    public static void checkTransport(String transport) {
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport '" + transport + "' is not supported (use one of "
                    + String.join(", ", TRANSPORTS) + ")");
        }
    }

    /**
     * Refuses a socket path where a file already exists, as Go's listener does: Netty's native bind would
     * unlink it, silently taking the path from a running server or removing a file that is not a socket.
     *
     * @throws BindException naming the address
     */
    public static void ensureFree(SocketAddress address) throws IOException {
        if (address instanceof DomainSocketAddress unix && !unix.path().startsWith("\0")
                && Files.exists(Path.of(unix.path()), LinkOption.NOFOLLOW_LINKS)) {
            throw new BindException("cannot listen on " + unix.path() + ": bind: address already in use");
        }
    }
}
