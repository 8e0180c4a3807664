package io.tributary.extension.bearertokenauth;

import io.tributary.core.client.AuthData;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.net.auth.AuthenticationException;
import io.tributary.core.net.auth.ClientAuthenticator;
import io.tributary.core.net.auth.ServerAuthenticator;
import io.tributary.core.net.auth.WatchedFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * As a server authenticator, accepts a request whose {@code header} is exactly
 * {@code "<scheme> <token>"} for one of the tokens (compared in constant time); as a client
 * authenticator, sets that header with the first token. Tokens read from {@code filename} follow
 * the file's changes.
 */
final class BearerTokenAuthExtension implements Extension, ServerAuthenticator, ClientAuthenticator {
    private final BearerTokenAuthConfig config;
    private final ScheduledExecutorService scheduler;
    /** The accepted header values; the first is the one a client sends. */
    private volatile List<String> values;
    private WatchedFile file;

    BearerTokenAuthExtension(BearerTokenAuthConfig config, ScheduledExecutorService scheduler) {
        config.validate();
        this.config = config;
        this.scheduler = scheduler;
        this.values = withScheme(BearerTokenAuthConfig.present(config.token()) ? List.of(config.token()) : config.tokens());
    }

    @Override
    public synchronized void start(Host host) {
        if (BearerTokenAuthConfig.present(config.filename()) && file == null) {
            file = WatchedFile.watch("filename", config.filename(), scheduler, content -> values = withScheme(lines(content)));
        }
    }

    /** One token per line; blank lines are skipped, so a trailing newline does not make a bare scheme a valid token. */
    private static List<String> lines(String content) {
        return content.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    private List<String> withScheme(List<String> tokens) {
        return tokens.stream().map(t -> config.scheme().isEmpty() ? t : config.scheme() + " " + t).toList();
    }

    @Override
    public AuthData authenticate(Headers headers) throws AuthenticationException {
        String presented = headers.first(config.header());
        if (presented == null || presented.isEmpty()) {
            throw new AuthenticationException("missing or empty authorization header: " + config.header());
        }
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String value : values) {
            // No early exit: the time taken does not tell which token came close.
            match |= MessageDigest.isEqual(bytes, value.getBytes(StandardCharsets.UTF_8));
        }
        if (!match) {
            throw new AuthenticationException("scheme or token does not match");
        }
        // As otelcol's bearertokenauth: the token says nothing about who the caller is.
        return null;
    }

    @Override
    public Map<String, String> headers() {
        List<String> current = values;
        return current.isEmpty() ? Map.of() : Map.of(config.header(), current.get(0));
    }

    @Override
    public synchronized void shutdown() {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
