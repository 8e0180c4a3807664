package io.tributary.receiver.confighttp;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.HttpServer;
import io.tributary.core.net.HttpServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a receiver's HTTP server from its confighttp keys and logs where it listens, as otelcol's receivers do. */
public final class HttpReceiverServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpReceiverServer.class);

    private HttpReceiverServer() {
    }

    /**
     * @param path         the section's key path, e.g. {@code receivers::otlp::protocols::http}, for errors in its {@code auth}
     * @param startMessage the receiver's otelcol line, logged with the bound {@code endpoint}, e.g. {@code Starting HTTP server}
     * @throws IllegalArgumentException when {@code auth} names no usable authenticator
     */
    public static HttpServer start(HttpServerConfig config, String path, String startMessage, ComponentContext context,
            Host host, HttpServer.Handler handler) throws Exception {
        HttpServer server = config.start(path, context, host, handler);
        ComponentLog.of(LOG.atInfo(), Kind.RECEIVER, context.id())
                .addKeyValue("endpoint", HostPort.format(server.address())).log(startMessage);
        return server;
    }
}
