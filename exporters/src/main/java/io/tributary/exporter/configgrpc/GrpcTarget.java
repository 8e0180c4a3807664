package io.tributary.exporter.configgrpc;

import io.tributary.config.Problems;

/**
 * An {@code endpoint} as otelcol's configgrpc accepts it, turned into a grpc-java target.
 * {@code http://} and {@code https://} are not gRPC naming schemes: they are stripped and decide
 * the transport security instead. Other schemes ({@code dns:///}, {@code unix:///path}) pass through to
 * grpc-java's name resolvers.
 *
 * @param security {@link Security#FROM_TLS_CONFIG} unless the scheme decided it
 */
public record GrpcTarget(String target, Security security) {
    private static final String UNIX = "unix://";

    public enum Security { PLAINTEXT, TLS, FROM_TLS_CONFIG }

    private static final String HTTP = "http://";
    private static final String HTTPS = "https://";

    /** @throws IllegalArgumentException saying what is wrong with {@code endpoint} */
    public static GrpcTarget parse(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("requires a non-empty \"endpoint\"");
        }
        String e = endpoint.trim();
        if (e.regionMatches(true, 0, HTTPS, 0, HTTPS.length())) {
            return new GrpcTarget(hostPort(endpoint, e.substring(HTTPS.length())), Security.TLS);
        }
        if (e.regionMatches(true, 0, HTTP, 0, HTTP.length())) {
            return new GrpcTarget(hostPort(endpoint, e.substring(HTTP.length())), Security.PLAINTEXT);
        }
        if (e.equals(UNIX)) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\": unix socket path cannot be empty");
        }
        if (e.contains(":/")) {
            return new GrpcTarget(e, Security.FROM_TLS_CONFIG);
        }
        return new GrpcTarget(hostPort(endpoint, e), Security.FROM_TLS_CONFIG);
    }

    /** A config record's check of its {@code endpoint} key: an absent one is left to {@code validate()}. */
    public static void check(Problems problems, String endpoint) {
        if (endpoint != null) {
            try {
                parse(endpoint);
            } catch (IllegalArgumentException e) {
                problems.add("endpoint", e.getMessage());
            }
        }
    }

    /** Whether the target names a Unix domain socket, which needs a domain-socket channel. */
    public boolean unixSocket() {
        return target.startsWith("unix:");
    }

    private static String hostPort(String endpoint, String hostPort) {
        if (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || hostPort.contains("/")) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" must be host:port");
        }
        String port = hostPort.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" has an invalid port \"" + port + "\"");
        }
        return hostPort;
    }
}
