package io.tributary.extension.bearertokenauth;

import io.tributary.config.Validated;
import java.util.List;

/**
 * {@code bearertokenauth}'s settings, with contrib's keys and defaults. {@code filename} wins over
 * {@code token}/{@code tokens} (one token per line); a server accepts any of the tokens, a client
 * sends the first.
 */
public record BearerTokenAuthConfig(String header, String scheme, String token, List<String> tokens, String filename)
        implements Validated {
    public static final BearerTokenAuthConfig DEFAULT = new BearerTokenAuthConfig("Authorization", "Bearer", null, List.of(), null);

    public BearerTokenAuthConfig {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("header must not be empty");
        }
        scheme = scheme == null ? "" : scheme;
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        if (present(token) && !tokens.isEmpty()) {
            throw new IllegalArgumentException("either tokens or token should be provided, not both");
        }
    }

    /** The default has no token, so this check cannot live in the constructor. */
    @Override
    public void validate() {
        if (!present(token) && tokens.isEmpty() && !present(filename)) {
            throw new IllegalArgumentException("no bearer token provided (set token, tokens or filename)");
        }
    }

    static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
