package io.tributary.receiver.otlp;

import io.tributary.receiver.intake.Intake;
import io.tributary.receiver.configgrpc.GrpcReceiverServer;
import io.tributary.receiver.confighttp.HttpReceiverServer;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.component.Receiver;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.net.HttpServer;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code otlp} receiver: OTLP over gRPC and/or HTTP, whichever the config names. */
final class OtlpReceiver implements Receiver {
    private final ComponentContext context;
    private final Protocols protocols;
    private final TracesConsumer next;
    private GrpcReceiverServer grpc;
    private HttpServer http;
    private boolean stopped;

    OtlpReceiver(ComponentContext context, OtlpReceiverConfig config, TracesConsumer next) {
        this.context = context;
        config.validate();
        this.protocols = config.protocols();
        this.next = next;
    }

    @Override
    public synchronized void start(Host host) throws Exception {
        try {
            if (protocols.grpc() != null) {
                grpc = OtlpGrpcServer.start(protocols.grpc(), path() + "::grpc", context, host, intake("grpc"));
            }
            if (protocols.http() != null) {
                http = HttpReceiverServer.start(protocols.http().server(), path() + "::http", "Starting HTTP server", context, host,
                        new OtlpHttpHandler(protocols.http(), intake("http")));
            }
        } catch (Exception e) {
            shutdown();
            throw e;
        }
    }

    private String path() {
        return "receivers::" + context.id() + "::protocols";
    }

    private Intake intake(String transport) {
        return new Intake(next, context.telemetry().receiver(context.id(), transport));
    }

    @Override
    public synchronized Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        if (grpc != null && grpc.address() instanceof InetSocketAddress tcp) {
            addresses.put("grpc", tcp);
        }
        if (http != null && http.address() instanceof InetSocketAddress tcp) {
            addresses.put("http", tcp);
        }
        return addresses;
    }

    @Override
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (grpc != null) {
            grpc.shutdown();
        }
        if (http != null) {
            http.close();
        }
    }
}
