package io.tributary.core.net.auth;

import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;

/**
 * Finds the extension an {@code auth:} section names, at start. A name that is not a running
 * extension, or an extension of the wrong kind, fails the component's start with the key path,
 * as otelcol fails with "failed to resolve authenticator".
 */
public final class Authenticators {
    private Authenticators() {
    }

    /**
     * @param path the key path of the {@code auth} section, e.g. {@code receivers::otlp::protocols::grpc::auth}
     * @return null when {@code auth} is null (no authentication)
     * @throws IllegalArgumentException naming the path when the extension is missing or cannot authenticate servers
     */
    public static ServerAuthenticator server(Host host, AuthConfig auth, String path) {
        if (auth == null) {
            return null;
        }
        if (extension(host, auth, path) instanceof ServerAuthenticator server) {
            return server;
        }
        throw new IllegalArgumentException(path + "::authenticator: extension '" + auth.authenticator()
                + "' cannot authenticate requests to a server (for basicauth, configure htpasswd)");
    }

    /** As {@link #server}, for an exporter's {@code auth}. */
    public static ClientAuthenticator client(Host host, AuthConfig auth, String path) {
        if (auth == null) {
            return null;
        }
        if (extension(host, auth, path) instanceof ClientAuthenticator client) {
            return client;
        }
        throw new IllegalArgumentException(path + "::authenticator: extension '" + auth.authenticator()
                + "' cannot add credentials to a client's requests (for basicauth, configure client_auth)");
    }

    private static Extension extension(Host host, AuthConfig auth, String path) {
        ComponentId id = auth.id();
        return host.extension(id).orElseThrow(() -> new IllegalArgumentException(path + "::authenticator: extension '"
                + id + "' is not configured, or not listed in service::extensions"));
    }
}
