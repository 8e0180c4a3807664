package io.tributary.compat;

import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.OtlpHttpBackend;
import io.tributary.testkit.TestHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One collector process running a scenario's config, with its own recording backends (OTLP/gRPC,
 * OTLP/HTTP, and raw HTTP for other protocols) for its exporters. Ready once every port of the config accepts connections and,
 * when the config has a port named {@code health}, its health check answers 200 at {@code /}.
 * Closing stops the process the way an operator would (SIGTERM), then the backends.
 */
final class RunningCollector implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Implementation implementation;
    private final Path dir;
    private final Map<String, Integer> ports;
    private final Map<String, Integer> udpPorts;
    private final OtlpBackend grpcBackend;
    private final OtlpHttpBackend httpBackend;
    private final TestHttpServer rawHttpBackend;
    private Process process;

    private RunningCollector(Implementation implementation, Path dir, ConfigTemplate.Rendered config,
            OtlpBackend grpcBackend, OtlpHttpBackend httpBackend, TestHttpServer rawHttpBackend) {
        this.implementation = implementation;
        this.dir = dir;
        this.ports = config.ports();
        this.udpPorts = config.udpPorts();
        this.grpcBackend = grpcBackend;
        this.httpBackend = httpBackend;
        this.rawHttpBackend = rawHttpBackend;
    }

    static RunningCollector start(Lab lab, Implementation implementation, Path dir, String template) throws IOException {
        return start(lab, implementation, dir, template, Map.of());
    }

    /** @param environment variables the process gets beside the lab's own (the config's {@code ${env:...}}, a kubeconfig) */
    static RunningCollector start(Lab lab, Implementation implementation, Path dir, String template, Map<String, String> environment)
            throws IOException {
        OtlpBackend grpc = OtlpBackend.start();
        OtlpHttpBackend http = OtlpHttpBackend.start();
        TestHttpServer rawHttp = TestHttpServer.answering("/", 202);
        ConfigTemplate.Rendered config = ConfigTemplate.render(template, Map.of("backend:grpc", grpc.endpoint(),
                "backend:http", http.url(), "backend:raw-http", rawHttp.url(), "dir", dir.toString()));
        RunningCollector collector = new RunningCollector(implementation, dir, config, grpc, http, rawHttp);
        try {
            Path file = Files.writeString(dir.resolve("config.yaml"), config.config());
            ProcessBuilder builder = new ProcessBuilder(implementation.command(lab, List.of("--config", file.toString())))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(collector.log().toFile());
            builder.environment().putAll(environment);
            collector.process = builder.start();
            collector.awaitReady();
            return collector;
        } catch (IOException | RuntimeException | Error e) {
            collector.close();
            throw e;
        }
    }

    Implementation implementation() {
        return implementation;
    }

    Path dir() {
        return dir;
    }

    /** What the process printed (stdout and stderr). */
    Path log() {
        return dir.resolve("collector.log");
    }

    int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("the config has no {{port:" + name + "}}");
        }
        return port;
    }

    int udpPort(String name) {
        Integer port = udpPorts.get(name);
        if (port == null) {
            throw new IllegalArgumentException("the config has no {{udp:" + name + "}}");
        }
        return port;
    }

    /** {@code http://127.0.0.1:PORT} of the named port, plus {@code path}. */
    URI url(String portName, String path) {
        return URI.create("http://127.0.0.1:" + port(portName) + path);
    }

    OtlpBackend grpcBackend() {
        return grpcBackend;
    }

    OtlpHttpBackend httpBackend() {
        return httpBackend;
    }

    TestHttpServer rawHttpBackend() {
        return rawHttpBackend;
    }

    private void awaitReady() {
        Await.until(this::ready, START_TIMEOUT, () -> implementation.label() + " not ready after " + START_TIMEOUT
                + " (ports " + ports + "):\n" + logTail());
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(implementation.label() + " exited with " + process.exitValue() + " while starting:\n" + logTail());
        }
        return ports.values().stream().allMatch(RunningCollector::accepts) && (!ports.containsKey("health") || healthy());
    }

    /** Whether something listens on {@code port} of loopback. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(url("health", "/")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String logTail() {
        return tail(log());
    }

    /** The last lines of a process's log, for an error message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            grpcBackend.close();
            httpBackend.close();
            rawHttpBackend.close();
        }
    }
}
