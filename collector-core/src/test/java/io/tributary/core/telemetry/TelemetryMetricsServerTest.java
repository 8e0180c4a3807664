package io.tributary.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tributary.core.component.ComponentId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryMetricsServerTest {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Telemetry telemetry = new Telemetry();
    private final HttpClient client = HttpClient.newHttpClient();
    private MetricsServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private HttpResponse<String> get(String path) throws Exception {
        server = MetricsServer.start(telemetry, loops, new InetSocketAddress("localhost", 0), workers);
        URI uri = URI.create("http://localhost:" + server.address().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheScrapeAtMetrics() throws Exception {
        telemetry.receiver(ComponentId.parse("otlp"), "grpc").accepted(5);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("otelcol_receiver_accepted_spans_total{receiver=\"otlp\",transport=\"grpc\"} 5.0");
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
    }
}
