package io.tributary.extension.healthcheck;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.config.Durations;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers on {@code path} with otelcol's body: {@code {"status":"Server available","upSince":...,"uptime":...}}
 * and 200 once every pipeline runs, {@code "Server not available"} and 503 while the collector
 * starts or stops. As with Go's mux, a path ending in {@code /} also answers every path below it.
 */
final class HealthCheckExtension implements Extension {
    /** Probes carry no body. */
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String NOT_AVAILABLE = "{\"status\":\"Server not available\",\"upSince\":\"0001-01-01T00:00:00Z\",\"uptime\":\"\"}";

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckExtension.class);

    private final ComponentContext context;
    private final HealthCheckConfig config;
    /** When the pipelines became ready; null while they are not. */
    private volatile Instant upSince;
    private volatile HttpServer server;

    HealthCheckExtension(ComponentContext context, HealthCheckConfig config) {
        this.context = context;
        this.config = config;
    }

    @Override
    public void start(Host host) throws Exception {
        server = HttpServer.start(context.eventLoops(), HostPort.parse(config.endpoint()), config.tls(), MAX_BODY_BYTES,
                context.workers(), (request, client) -> CompletableFuture.completedFuture(respond(request)));
        // otelcol logs its whole config here; the bound address and path are what a reader looks for.
        ComponentLog.of(LOG.atInfo(), Kind.EXTENSION, context.id())
                .addKeyValue("endpoint", HostPort.format(server.address()))
                .addKeyValue("path", config.path())
                .log("Starting health_check extension");
    }

    @Override
    public void pipelinesReady(boolean ready) {
        upSince = ready ? context.clock().instant() : null;
    }

    private FullHttpResponse respond(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean matches = config.path().endsWith("/") ? path.startsWith(config.path()) : path.equals(config.path());
        if (!matches) {
            return HttpServer.response(HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "404 page not found\n");
        }
        Instant since = upSince;
        HealthCheckConfig.ResponseBody custom = config.responseBody();
        if (since == null) {
            return custom == null
                    ? HttpServer.response(HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", NOT_AVAILABLE)
                    : HttpServer.response(HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", custom.unhealthy());
        }
        if (custom != null) {
            return HttpServer.response(HttpResponseStatus.OK, "text/plain; charset=utf-8", custom.healthy());
        }
        Duration uptime = Duration.between(since, context.clock().instant());
        return HttpServer.response(HttpResponseStatus.OK, "application/json",
                "{\"status\":\"Server available\",\"upSince\":\"" + since + "\",\"uptime\":\"" + Durations.format(uptime) + "\"}");
    }


    @Override
    public Map<String, InetSocketAddress> addresses() {
        HttpServer s = server;
        return s == null ? Map.of() : Map.of("http", (InetSocketAddress) s.address()); // started on a host:port
    }

    @Override
    public void shutdown() {
        upSince = null;
        HttpServer s = server;
        if (s != null) {
            s.close();
        }
    }
}
