package io.tributary.extension.basicauth;

import io.tributary.core.client.AuthData;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.net.auth.AuthenticationException;
import io.tributary.core.net.auth.ServerAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code basicauth} with {@code htpasswd}: accepts a request whose {@code Authorization} is
 * {@code Basic base64(user:password)} for a user of the htpasswd text. The file is read at start,
 * as otelcol does; the error messages are otelcol's.
 */
final class BasicAuthServer implements Extension, ServerAuthenticator {
    private static final String PREFIX = "basic ";

    private final BasicAuthConfig.Htpasswd config;
    private volatile HtpasswdFile users;

    BasicAuthServer(BasicAuthConfig.Htpasswd config) {
        this.config = config;
    }

    @Override
    public void start(Host host) {
        StringBuilder text = new StringBuilder();
        if (!BasicAuthConfig.empty(config.file())) {
            try {
                text.append(Files.readString(Path.of(config.file()))).append('\n');
            } catch (IOException e) {
                throw new IllegalArgumentException("htpasswd::file: cannot read '" + config.file() + "': " + e, e);
            }
        }
        // Inline lines come last so that they override the file's for the same user.
        if (config.inline() != null) {
            text.append(config.inline());
        }
        users = HtpasswdFile.parse(text.toString());
    }

    @Override
    public AuthData authenticate(Headers headers) throws AuthenticationException {
        String authorization = headers.first("authorization");
        if (authorization == null || authorization.isEmpty()) {
            throw new AuthenticationException("no basic auth provided");
        }
        if (authorization.length() < PREFIX.length()
                || !authorization.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            throw new AuthenticationException("invalid authorization scheme prefix");
        }
        String encoded = authorization.substring(PREFIX.length());
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("invalid authorization format");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new AuthenticationException("invalid authorization format");
        }
        String username = decoded.substring(0, colon);
        HtpasswdFile current = users;
        if (current == null || !current.matches(username, decoded.substring(colon + 1))) {
            throw new AuthenticationException("invalid credentials");
        }
        return name -> switch (name) {
            case "username" -> username;
            case "raw" -> encoded;
            default -> null;
        };
    }

    @Override
    public void shutdown() {
        // Nothing runs: the users were read once at start.
    }
}
