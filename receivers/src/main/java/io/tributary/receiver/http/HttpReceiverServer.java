package io.tributary.receiver.http;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.net.HttpServer;
import io.tributary.core.net.auth.Authenticators;

/** Starts a receiver's HTTP server from its confighttp keys, on the shared event loops and worker pool. */
public final class HttpReceiverServer {
    private HttpReceiverServer() {
    }

    /**
     * @param path the section's key path, e.g. {@code receivers::otlp::protocols::http}, for errors in its {@code auth}
     * @throws IllegalArgumentException when {@code auth} names no usable authenticator
     */
    public static HttpServer start(HttpServerSection config, String path, ComponentContext context, Host host,
            HttpServer.Handler handler) throws Exception {
        HttpServer.Settings settings = new HttpServer.Settings(config.tls(), config.maxBodyBytes(), config.timeouts(),
                Authenticators.server(host, config.auth(), path + "::auth"));
        return HttpServer.start(context.eventLoops(), config.listenAddress(), settings, context.workers(), handler);
    }
}
