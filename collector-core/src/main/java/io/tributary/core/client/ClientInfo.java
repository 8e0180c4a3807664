package io.tributary.core.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who sent a request (otelcol's {@code client.Info}): the peer's address, always; the request's
 * headers, only when the receiver has {@code include_metadata: true}; and what the server's
 * authenticator learnt. Immutable, made once per request (not per span) and carried by the
 * {@code Traces} the receiver hands on.
 */
public final class ClientInfo {
    /** No known client: data a component made itself, or a batch of several clients' requests. */
    public static final ClientInfo NONE = new ClientInfo(null, Map.of(), null);

    private final SocketAddress peer;
    private final Map<String, List<String>> metadata;
    private final AuthData auth;

    private ClientInfo(SocketAddress peer, Map<String, List<String>> metadata, AuthData auth) {
        this.peer = peer;
        this.metadata = metadata;
        this.auth = auth;
    }

    /** A client known by its address alone; null for none. */
    public static ClientInfo of(SocketAddress peer) {
        return new ClientInfo(peer, Map.of(), null);
    }

    /**
     * Collects {@code (name, value)} pairs into the form metadata is held in: lower-case names
     * (as otelcol's {@code client.NewMetadata}) to their values in order.
     */
    public static Map<String, List<String>> metadata(Iterable<Map.Entry<String, String>> headers) {
        Map<String, List<String>> result = new HashMap<>();
        for (Map.Entry<String, String> header : headers) {
            result.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(header.getValue());
        }
        return result;
    }

    /** This client with a request's metadata, as {@link #metadata(Iterable)} collects it. */
    public ClientInfo withMetadata(Map<String, List<String>> metadata) {
        return new ClientInfo(peer, metadata, auth);
    }

    /** This client with the authenticator's findings. */
    public ClientInfo withAuth(AuthData data) {
        return data == null ? this : new ClientInfo(peer, metadata, data);
    }

    /**
     * The peer's IP address as text, {@code ""} when it has none (a Unix socket), as otelcol's
     * {@code client.address}.
     */
    public String address() {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "";
    }

    /** The values of a header in the order received; empty without {@code include_metadata} or when absent. */
    public List<String> metadata(String key) {
        if (metadata.isEmpty()) {
            return List.of();
        }
        List<String> values = metadata.get(key.toLowerCase(Locale.ROOT));
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /** @return null when the request was not authenticated or the authenticator tells nothing */
    public AuthData auth() {
        return auth;
    }

    @Override
    public String toString() {
        return "ClientInfo{address=" + address() + ", metadata=" + metadata.keySet() + (auth != null ? ", auth" : "") + "}";
    }
}
