package io.tributary.core.net.auth;

import io.tributary.core.component.ComponentId;
import io.tributary.core.component.ExtensionReferences;
import java.util.Map;

/**
 * {@code auth:} on a server or a client, as otelcol's configauth: the ID of the authenticator
 * extension ({@code bearertokenauth}, {@code basicauth/server}, ...). There is no {@code DEFAULT}:
 * an {@code auth:} section without {@code authenticator} is a config error, and no section means
 * no authentication.
 */
public record AuthConfig(String authenticator) implements ExtensionReferences {
    public AuthConfig {
        if (authenticator == null || authenticator.isBlank()) {
            throw new IllegalArgumentException("authenticator must name an authenticator extension, e.g. bearertokenauth");
        }
        ComponentId.parse(authenticator);
    }

    /** Lets {@code validate} report an authenticator that is not defined or not listed in service::extensions. */
    @Override
    public Map<String, String> extensionReferences() {
        return Map.of("authenticator", authenticator);
    }

    ComponentId id() {
        return ComponentId.parse(authenticator);
    }
}
