package io.tributary.core.net;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What every gRPC client channel of ours does alike: an exporter's, or the self-metrics push's. */
public final class GrpcClients {
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private GrpcClients() {
    }

    /** Configured headers as the metadata to attach to every call. */
    public static Metadata metadata(Map<String, String> headers) {
        Metadata metadata = new Metadata();
        headers.forEach((name, value) -> metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        return metadata;
    }

    /** Lets calls in flight finish for a bounded wait, then cancels them. */
    public static void shutdown(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
