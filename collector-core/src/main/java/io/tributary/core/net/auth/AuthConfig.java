package io.tributary.core.net.auth;

import io.tributary.core.component.ComponentId;

/**
 * {@code auth:} on a server or a client, as otelcol's configauth: the ID of the authenticator
 * extension ({@code bearertokenauth}, {@code basicauth/server}, ...). There is no {@code DEFAULT}:
 * an {@code auth:} section without {@code authenticator} is a config error, and no section means
 * no authentication.
 */
public record AuthConfig(String authenticator) {
    public AuthConfig {
        if (authenticator == null || authenticator.isBlank()) {
            throw new IllegalArgumentException("authenticator must name an authenticator extension, e.g. bearertokenauth");
        }
        ComponentId.parse(authenticator);
    }

    ComponentId id() {
        return ComponentId.parse(authenticator);
    }
}
