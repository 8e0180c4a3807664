package io.tributary.extension.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Kind;
import io.tributary.core.service.Components;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckExtensionTest {

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ManualClock clock = new ManualClock();
    private final HttpClient client = HttpClient.newHttpClient();
    private Extension extension;

    @AfterEach
    void close() {
        if (extension != null) {
            extension.shutdown();
        }
        workers.shutdownNow();
        scheduler.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Extension start(String yaml) throws Exception {
        HealthCheckConfig config = Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get),
                "extensions::health_check", HealthCheckConfig.class, HealthCheckConfig.DEFAULT);
        ComponentContext context = new ComponentContext(ComponentId.parse("health_check"), new Telemetry(), loops, workers, scheduler, clock);
        extension = new HealthCheckFactory().create(context, config);
        extension.start(id -> java.util.Optional.empty());
        return extension;
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = extension.addresses().get("http").getPort();
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unavailableUntilThePipelinesAreReady() throws Exception {
        start("endpoint: localhost:0");

        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"Server not available\",\"upSince\":\"0001-01-01T00:00:00Z\",\"uptime\":\"\"}");
    }

    @Test
    void availableWithUpSinceAndUptimeOncePipelinesAreReady() throws Exception {
        start("endpoint: localhost:0");
        extension.pipelinesReady(true);
        clock.advance(Duration.ofSeconds(90));

        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"Server available\",\"upSince\":\"" + ManualClock.START + "\",\"uptime\":\"1m30s\"}");
    }

    @Test
    void unavailableAgainWhenPipelinesStop() throws Exception {
        start("endpoint: localhost:0");
        extension.pipelinesReady(true);

        extension.pipelinesReady(false);

        assertThat(get("/").statusCode()).isEqualTo(503);
    }

    @Test
    void answersOnlyOnTheConfiguredPath() throws Exception {
        start("""
                endpoint: localhost:0
                path: /health/status
                """);
        extension.pipelinesReady(true);

        assertThat(get("/health/status").statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(404);
    }

    @Test
    void customResponseBodies() throws Exception {
        start("""
                endpoint: localhost:0
                response_body:
                  healthy: I'm OK
                  unhealthy: I'm bad
                """);

        assertThat(get("/").body()).isEqualTo("I'm bad");
        extension.pipelinesReady(true);
        assertThat(get("/").body()).isEqualTo("I'm OK");
    }

    @Test
    void checkCollectorPipelineIsAccepted() throws Exception {
        start("""
                endpoint: localhost:0
                check_collector_pipeline:
                  enabled: true
                  interval: 5m
                  exporter_failure_threshold: 5
                """);
        extension.pipelinesReady(true);

        assertThat(get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void defaultsMatchOtelcol() {
        assertThat(HealthCheckConfig.DEFAULT.endpoint()).isEqualTo("localhost:13133");
        assertThat(HealthCheckConfig.DEFAULT.path()).isEqualTo("/");
    }

    @Test
    void discoveredByTypeAndAlias() {
        Components components = Components.discover();

        assertThat(components.find(Kind.EXTENSION, "health_check")).containsInstanceOf(HealthCheckFactory.class);
        assertThat(components.find(Kind.EXTENSION, "healthcheck")).containsInstanceOf(HealthCheckFactory.class);
    }
}
