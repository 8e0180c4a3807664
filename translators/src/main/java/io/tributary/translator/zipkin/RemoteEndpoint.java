package io.tributary.translator.zipkin;

import static io.tributary.translator.zipkin.ZipkinTranslator.NET_PEER_IP;
import static io.tributary.translator.zipkin.ZipkinTranslator.NET_PEER_PORT;
import static io.tributary.translator.zipkin.ZipkinTranslator.PEER_SERVICE;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import java.util.Map;
import zipkin2.Endpoint;

/**
 * A span's Zipkin {@code remoteEndpoint}, from the attributes the OpenTelemetry specification's
 * Zipkin mapping ranks ("Remote endpoint"). Zipkin draws its dependency graph and lists remote
 * services from this endpoint, so a CLIENT or PRODUCER span names its peer with the best attribute
 * it has: {@code peer.service}, then the server's and the socket's names and addresses, old
 * conventions after new. For other kinds the {@code server.*} attributes describe the span's own
 * side, so only {@code peer.service} and the peer's socket address are used.
 *
 * <p>As in otelcol, {@code peer.service}, {@code net.peer.ip} and {@code net.peer.port} move into
 * the endpoint (the receiver writes them back); every other attribute used stays a tag too.
 */
final class RemoteEndpoint {
    /** An attribute that can name the remote side, and the attribute holding its port. */
    private record Candidate(String key, String portKey) {
    }

    private static final Candidate NETWORK_PEER = new Candidate("network.peer.address", "network.peer.port");
    private static final Candidate SOCK_PEER = new Candidate("net.sock.peer.addr", "net.sock.peer.port");
    private static final Candidate LEGACY_PEER = new Candidate(NET_PEER_IP, NET_PEER_PORT);

    /** The specification's ranks 2 to 11, in order; rank 1 is {@code peer.service}. */
    private static final List<Candidate> RANKED = List.of(
            new Candidate("server.address", "server.port"),
            new Candidate("net.peer.name", NET_PEER_PORT),
            NETWORK_PEER,
            new Candidate("server.socket.domain", "server.socket.port"),
            new Candidate("server.socket.address", "server.socket.port"),
            new Candidate("net.sock.peer.name", "net.sock.peer.port"),
            SOCK_PEER,
            new Candidate("peer.hostname", null),
            new Candidate("peer.address", null),
            new Candidate("db.name", null));

    /** What is known of the peer on a span of any kind: its socket address. */
    private static final List<Candidate> PEER_SOCKET = List.of(NETWORK_PEER, SOCK_PEER);

    private RemoteEndpoint() {
    }

    /**
     * @param tags the span's tags; {@code peer.service} and the {@code net.peer.*} keys used are removed
     * @return null when nothing is known of the remote side, as Zipkin expects
     */
    static Endpoint of(SpanKind kind, Map<String, String> tags) {
        boolean outgoing = kind == SpanKind.SPAN_KIND_CLIENT || kind == SpanKind.SPAN_KIND_PRODUCER;
        List<Candidate> candidates = outgoing ? RANKED : PEER_SOCKET;
        Endpoint.Builder endpoint = Endpoint.newBuilder();

        String service = tags.remove(PEER_SERVICE);
        Candidate named = null;
        if ((service == null || service.isEmpty()) && outgoing) {
            named = candidates.stream().filter(c -> present(tags, c.key())).findFirst().orElse(null);
            service = named == null ? null : tags.get(named.key());
        }
        endpoint.serviceName(service);

        Candidate addressed = candidates.stream().filter(c -> isIp(tags.get(c.key()))).findFirst()
                .orElse(isIp(tags.get(NET_PEER_IP)) ? LEGACY_PEER : null);
        if (addressed != null) {
            endpoint.ip(addressed == LEGACY_PEER ? tags.remove(NET_PEER_IP) : tags.get(addressed.key()));
        }

        Integer port = port(tags, addressed);
        if (port == null) {
            port = port(tags, named);
        }
        if (port == null) {
            port = port(tags, LEGACY_PEER);
        }
        if (port != null) {
            endpoint.port(port);
        }
        tags.remove(NET_PEER_PORT);

        Endpoint built = endpoint.build();
        return built.serviceName() == null && built.ipv4() == null && built.ipv6() == null ? null : built;
    }

    private static boolean isIp(String value) {
        return value != null && Endpoint.newBuilder().parseIp(value);
    }

    private static boolean present(Map<String, String> tags, String key) {
        String value = tags.get(key);
        return value != null && !value.isEmpty();
    }

    /** Null when the candidate has no port attribute or it is not a port number (otelcol drops those too). */
    private static Integer port(Map<String, String> tags, Candidate candidate) {
        if (candidate == null || candidate.portKey() == null || tags.get(candidate.portKey()) == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(tags.get(candidate.portKey()));
            return port > 0 && port <= 0xffff ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
