package io.tributary.compat;

import io.tributary.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the system's {@code /usr/bin/prometheus}, Debian's package) scraping
 * one target every second, with its TSDB in the run's directory, its web API on a loopback port
 * chosen beforehand (so that what queries it, Jaeger, can be configured first). Ready once
 * {@code /-/ready} answers 200. Closing stops it with SIGTERM.
 */
final class RunningPrometheus implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final int port;
    private final Path log;
    private final Process process;

    private RunningPrometheus(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts Prometheus in {@code dir} with its API on {@code port}, scraping {@code target} ({@code host:port}, path {@code /metrics}). */
    static RunningPrometheus start(Path dir, int port, String target) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("needs Prometheus at " + BINARY + " (Debian: apt-get install prometheus)");
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: collector
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        Path log = dir.resolve("prometheus.log");
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        RunningPrometheus prometheus = new RunningPrometheus(port, log, builder.start());
        try {
            Await.until(prometheus::ready, START_TIMEOUT, () -> "prometheus not ready after " + START_TIMEOUT + ":\n" + RunningCollector.tail(log));
            return prometheus;
        } catch (RuntimeException | Error e) {
            prometheus.close();
            throw e;
        }
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("prometheus exited with " + process.exitValue() + " while starting:\n" + RunningCollector.tail(log));
        }
        try {
            return RunningCollector.HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
