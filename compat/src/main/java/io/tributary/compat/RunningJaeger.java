package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.tributary.testkit.Await;
import io.tributary.testkit.LocalPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Jaeger v2 (compat/target/bin/jaeger on compat/jaeger/config.yaml, in-memory store) as a
 * trace backend: each port the config reads from the environment gets a free loopback port.
 * With metrics, compat/jaeger/spm.yaml is laid over it: the Monitor tab's API reads RED metrics
 * from a Prometheus. Ready once every port accepts connections and the health check answers 200
 * at {@code /status}. Closing stops it with SIGTERM.
 */
final class RunningJaeger implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_TIMEOUT_SECONDS = 30;
    /** The {@code JAEGER_<NAME>_PORT} variables of compat/jaeger/config.yaml. */
    private static final List<String> PORTS = List.of("OTLP_GRPC", "GRPC", "THRIFT_HTTP", "QUERY_HTTP", "QUERY_GRPC", "HEALTH", "METRICS");

    private final Map<String, Integer> ports;
    private final Path log;
    private final Process process;

    private RunningJaeger(Map<String, Integer> ports, Path log, Process process) {
        this.ports = ports;
        this.log = log;
        this.process = process;
    }

    static RunningJaeger start(Lab lab, Path dir) throws IOException {
        return start(lab, dir, List.of("--config", lab.jaegerConfig().toString()), Map.of());
    }

    /** A Jaeger whose Monitor API ({@code /api/metrics/...}) queries the Prometheus at {@code prometheusUrl}. */
    static RunningJaeger startWithMetrics(Lab lab, Path dir, String prometheusUrl) throws IOException {
        return start(lab, dir, List.of("--config", lab.jaegerConfig().toString(), "--config", lab.jaegerSpmConfig().toString()),
                Map.of("JAEGER_PROMETHEUS_URL", prometheusUrl));
    }

    private static RunningJaeger start(Lab lab, Path dir, List<String> configs, Map<String, String> environment) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        PORTS.forEach(name -> ports.put(name, LocalPorts.free()));
        Path log = dir.resolve("jaeger.log");
        List<String> command = new ArrayList<>(List.of(lab.jaeger().toString()));
        command.addAll(configs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        ports.forEach((name, port) -> builder.environment().put("JAEGER_" + name + "_PORT", Integer.toString(port)));
        builder.environment().putAll(environment);
        RunningJaeger jaeger = new RunningJaeger(ports, log, builder.start());
        try {
            Await.until(jaeger::ready, START_TIMEOUT, () -> "jaeger not ready after " + START_TIMEOUT + ":\n" + jaeger.logTail());
            return jaeger;
        } catch (RuntimeException | Error e) {
            jaeger.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT} of the OTLP/gRPC receiver. */
    String otlpGrpcEndpoint() {
        return "127.0.0.1:" + ports.get("OTLP_GRPC");
    }

    /** {@code 127.0.0.1:PORT} of the Jaeger gRPC receiver (14250 by Jaeger's default). */
    String jaegerGrpcEndpoint() {
        return "127.0.0.1:" + ports.get("GRPC");
    }

    /** The URL of the Thrift-over-HTTP receiver (14268 by Jaeger's default). */
    String thriftHttpUrl() {
        return "http://127.0.0.1:" + ports.get("THRIFT_HTTP") + "/api/traces";
    }

    /** {@code GET} of the query API at {@code pathAndQuery} (e.g. {@code /api/services}): the JSON it answered, which must be 200. */
    JsonElement query(String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + ports.get("QUERY_HTTP") + pathAndQuery);
        HttpResponse<String> response = RunningCollector.HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parseString(response.body());
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("jaeger exited with " + process.exitValue() + " while starting:\n" + logTail());
        }
        if (!ports.values().stream().allMatch(RunningCollector::accepts)) {
            return false;
        }
        try {
            URI health = URI.create("http://127.0.0.1:" + ports.get("HEALTH") + "/status");
            return RunningCollector.HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        return RunningCollector.tail(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
