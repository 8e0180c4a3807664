package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for programs that must be told one before they listen (Prometheus, the node exporter, an exporter scraped by them). */
public final class LocalPorts {
    private LocalPorts() {
    }

    /** A TCP port free on this machine just now (another process could still take it before it is used). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
