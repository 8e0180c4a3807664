package io.tributary.receiver.zipkin;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.component.Receiver;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.receiver.confighttp.HttpReceiverServer;
import io.tributary.receiver.intake.Intake;
import io.tributary.core.net.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves Zipkin's span APIs on one HTTP endpoint. */
final class ZipkinReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(ZipkinReceiver.class);
    /** otelcol's transport label for the Zipkin receiver. */
    private static final String TRANSPORT = "http";

    private final ComponentContext context;
    private final ZipkinReceiverConfig config;
    private final TracesConsumer next;
    private HttpServer http;

    ZipkinReceiver(ComponentContext context, ZipkinReceiverConfig config, TracesConsumer next) {
        this.context = context;
        this.config = config;
        this.next = next;
    }

    @Override
    public synchronized void start(Host host) throws Exception {
        ZipkinHttpHandler handler = new ZipkinHttpHandler(config, Intake.traces(next, context.telemetry().receiver(context.id(), TRANSPORT)),
                context.telemetry().receiverRefusedMessages(context.id(), TRANSPORT, "undecodable"));
        List<String> ignored = config.ignoredFlatKeys();
        if (!ignored.isEmpty()) {
            LOG.warn("receivers::{}: protocols::http configures the server; ignoring {} written beside it", context.id(),
                    String.join(", ", ignored));
        }
        String path = "receivers::" + context.id() + (config.usesProtocols() ? "::protocols::http" : "");
        http = HttpReceiverServer.start(config.server(), path, "Starting HTTP server", context, host, handler);
    }

    @Override
    public synchronized Map<String, InetSocketAddress> addresses() {
        return http != null && http.address() instanceof InetSocketAddress tcp ? Map.of("http", tcp) : Map.of();
    }

    @Override
    public synchronized void shutdown() {
        if (http != null) {
            http.close();
            http = null;
        }
    }
}
