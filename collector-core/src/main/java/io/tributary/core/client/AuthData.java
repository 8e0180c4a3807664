package io.tributary.core.client;

/**
 * What a server authenticator learnt about a request's caller (otelcol's {@code client.AuthData}),
 * read by processors as {@code auth.<name>}.
 */
@FunctionalInterface
public interface AuthData {
    /**
     * @return a {@code String} or a {@code List<String>} for an attribute the authenticator knows,
     *         else null
     */
    Object attribute(String name);
}
