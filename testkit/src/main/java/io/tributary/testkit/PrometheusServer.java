package io.tributary.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus}) scraping targets every second with its
 * default {@code Accept} header, exemplar storage on, its data and log in a directory of the
 * test's; queried through its HTTP API. Prometheus needs a fixed listen port: a free ephemeral one
 * is taken.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI api;
    private final Path log;

    private PrometheusServer(Process process, URI api, Path log) {
        this.process = process;
        this.api = api;
        this.log = log;
    }

    /** The {@code prometheus} program, if installed. */
    public static Optional<Path> binary() {
        return Executables.onPath("prometheus");
    }

    /**
     * Starts Prometheus scraping {@code targets} ({@code host:port}, path {@code /metrics}) as job
     * {@code job}, and waits until it is ready. {@code features} are more of its
     * {@code --enable-feature} flags: with {@code native-histograms} it asks for the protobuf format
     * first.
     */
    public static PrometheusServer start(Path binary, Path dir, String job, List<String> targets, String... features) throws IOException {
        return start(binary, dir, LocalPorts.free(), job, targets, features);
    }

    /**
     * As {@link #start(Path, Path, String, List, String...)}, with the HTTP API on {@code port}, for
     * a peer that must be told where Prometheus is before it starts (Jaeger's metrics storage).
     */
    public static PrometheusServer start(Path binary, Path dir, int port, String job, List<String> targets, String... features)
            throws IOException {
        String config = """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: [%s]
                """.formatted(job, targets.stream().map(target -> "'" + target + "'").collect(Collectors.joining(", ")));
        Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--enable-feature=" + String.join(",", Stream.concat(Stream.of("exemplar-storage"),
                        Stream.of(features)).toList()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            Await.until(server::ready, READY, () -> "Prometheus is not ready:\n" + server.log());
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The result of an instant query: one object per series, with its {@code metric} labels and {@code value}. */
    public JsonArray query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonArray("result");
    }

    /** The exemplars of the series {@code promql} selects over the last hour: per series, its labels and {@code exemplars}. */
    public JsonArray queryExemplars(String promql) {
        Instant now = Instant.now();
        return get("/api/v1/query_exemplars?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + now.minus(Duration.ofHours(1)).getEpochSecond() + "&end=" + now.plusSeconds(60).getEpochSecond())
                .getAsJsonArray();
    }

    /** What Prometheus says of its scrape targets ({@code health}, {@code lastError} of each active one). */
    public JsonArray targets() {
        return get("/api/v1/targets").getAsJsonObject().getAsJsonArray("activeTargets");
    }

    /** What Prometheus logged, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(api.resolve("/-/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The {@code data} member of an API answer. */
    private JsonElement get(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject answer = JsonParser.parseString(response.body()).getAsJsonObject();
            if (!"success".equals(answer.get("status").getAsString())) {
                throw new IllegalStateException("Prometheus answered " + response.statusCode() + ": " + response.body());
            }
            return answer.get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
