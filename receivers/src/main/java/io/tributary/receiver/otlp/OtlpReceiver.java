package io.tributary.receiver.otlp;

import io.tributary.receiver.intake.Intake;
import io.tributary.receiver.configgrpc.GrpcReceiverServer;
import io.tributary.receiver.confighttp.HttpReceiverServer;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.component.Receiver;
import io.tributary.core.consumer.Consumers;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.net.HttpServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code otlp} receiver: OTLP over gRPC and/or HTTP, whichever the config names, for each
 * signal whose pipelines list it (one instance for all of them, as in otelcol).
 */
final class OtlpReceiver implements Receiver {
    private final ComponentContext context;
    private final Protocols protocols;
    private final Consumers next;
    private GrpcReceiverServer grpc;
    private HttpServer http;
    private boolean stopped;

    OtlpReceiver(ComponentContext context, OtlpReceiverConfig config, Consumers next) {
        this.context = context;
        config.validate();
        this.protocols = config.protocols();
        this.next = next;
    }

    @Override
    public synchronized void start(Host host) throws Exception {
        try {
            if (protocols.grpc() != null) {
                grpc = OtlpGrpcServer.start(protocols.grpc(), path() + "::grpc", context, host, intakes("grpc"));
            }
            if (protocols.http() != null) {
                http = HttpReceiverServer.start(protocols.http().server(), path() + "::http", "Starting HTTP server", context, host,
                        new OtlpHttpHandler(protocols.http(), intakes("http")));
            }
        } catch (Exception e) {
            shutdown();
            throw e;
        }
    }

    private String path() {
        return "receivers::" + context.id() + "::protocols";
    }

    /** One intake per signal some pipeline takes from this receiver, as otelcol serves only those. */
    private List<Intake<?>> intakes(String transport) {
        List<Intake<?>> intakes = new ArrayList<>();
        for (Signal<?> signal : Signal.all()) {
            Intake<?> intake = intake(signal, transport);
            if (intake != null) {
                intakes.add(intake);
            }
        }
        return intakes;
    }

    private <D extends SignalData<D, ?>> Intake<D> intake(Signal<D> signal, String transport) {
        SignalConsumer<D> consumer = next.of(signal);
        return consumer == null ? null : new Intake<>(signal, consumer, context.telemetry().receiver(context.id(), transport, signal));
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
