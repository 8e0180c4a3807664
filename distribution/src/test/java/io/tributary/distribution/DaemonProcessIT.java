package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code tributary.jar} as a real process: commands, exit codes, signals. */
class DaemonProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void versionAndHelp() throws Exception {
        Run version = run("--version");
        assertThat(version.exit).isZero();
        assertThat(version.output).contains("tributary version ");
        Run help = run("--help");
        assertThat(help.exit).isZero();
        assertThat(help.output).contains("--config", "--set", "validate", "components");
    }

    @Test
    void componentsListsEveryKind() throws Exception {
        Run components = run("components");
        assertThat(components.exit).isZero();
        assertThat(components.output).contains("receivers:", "- otlp", "processors:", "- batch",
                "exporters:", "- debug", "extensions:", "- health_check");
    }

    @Test
    void validateListsEveryProblemWithItsLine() throws Exception {
        Path config = write("bad.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpont: localhost:4317
                processors:
                  batch:
                    timeout: soon
                exporters:
                  debug:
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [debug, otlp/missing]
                """);
        Run validate = run("validate", "--config", config.toString());
        assertThat(validate.exit).isNotZero();
        assertThat(validate.output)
                .contains("bad.yaml:5", "endpont", "endpoint")
                .contains("bad.yaml:8", "timeout")
                .contains("bad.yaml:16", "otlp/missing");
    }

    @Test
    void validConfigValidates() throws Exception {
        Path config = write("good.yaml", minimalConfig("localhost:0", "localhost:0"));
        Run validate = run("validate", "--config", "file:" + config);
        assertThat(validate.output).isEmpty();
        assertThat(validate.exit).isZero();
    }

    @Test
    void sigtermDrainsAndExitsZero() throws Exception {
        Path config = write("run.yaml", minimalConfig("localhost:0", "localhost:0"));
        Process process = start("--config", config.toString());
        try {
            awaitOutput(process, "Everything is ready");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(output(process)).contains("Shutdown complete");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void logsAreJsonWhenTheTelemetryEncodingSaysSo() throws Exception {
        Path config = write("json-logs.yaml", minimalConfig("localhost:0", "localhost:0") + """
                    logs:
                      encoding: json
                    traces:
                      propagators: [tracecontext]
                """);
        Process process = start("--config", config.toString());
        try {
            awaitOutput(process, "Everything is ready");
            List<JsonObject> lines = output(process).lines().filter(l -> l.startsWith("{"))
                    .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
            JsonObject ready = lines.get(lines.size() - 1);
            assertThat(ready.get("level").getAsString()).isEqualTo("info");
            assertThat(ready.get("msg").getAsString()).isEqualTo("Everything is ready. Begin running and processing data.");
            JsonObject grpc = lines.stream().filter(l -> l.get("msg").getAsString().equals("Starting GRPC server")).findFirst().orElseThrow();
            assertThat(grpc.get("otelcol.component.id").getAsString()).isEqualTo("otlp");
            assertThat(grpc.get("endpoint").getAsString()).matches("(127\\.0\\.0\\.1|\\[::1]):[1-9]\\d*");
            // Logged while the service is built, before it starts: already in the configured encoding.
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.get("level").getAsString()).isEqualTo("warn");
                assertThat(line.get("msg").getAsString()).contains("service::telemetry::traces").contains("propagators");
            });
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theTelemetryLogLevelHidesLesserMessages() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = write("warn.yaml", minimalConfig("127.0.0.1:" + taken.getLocalPort(), "localhost:0") + """
                        logs:
                          level: warn
                    """);
            Run run = run("--config", config.toString());
            assertThat(run.exit).isNotZero();
            assertThat(run.output).contains("\terror\t").contains("Cannot start")
                    .doesNotContain("Starting GRPC server").doesNotContain("\tinfo\t");
        }
    }

    @Test
    void aPortInUseStopsTheDaemonNamingTheComponentAndAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "127.0.0.1:" + taken.getLocalPort();
            Path config = write("clash.yaml", minimalConfig(endpoint, "localhost:0"));
            Run run = run("--config", config.toString());
            assertThat(run.exit).isNotZero();
            assertThat(run.output).contains("otlp").contains(endpoint);
        }
    }

    @Test
    void embeddedDefaultConfigServesOtlpHealthAndMetricsAndPrintsSpans() throws Exception {
        for (int port : new int[] {4317, 4318, 8888, 13133}) {
            Assumptions.assumeTrue(free(port), "port " + port + " is busy on this machine");
        }
        Process process = start();
        try {
            awaitOutput(process, "Everything is ready");
            assertThat(DaemonHarness.get(new InetSocketAddress("localhost", 13133), "/").statusCode()).isEqualTo(200);
            String json = """
                    {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                    "spanId":"eee19b7ec3c1b174","name":"hello-newcomer","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}
                    """;
            assertThat(DaemonHarness.post(new InetSocketAddress("localhost", 4318), "application/json",
                    json.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            awaitOutput(process, "hello-newcomer");
            assertThat(output(process)).contains("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174");
            assertThat(DaemonHarness.scrape(new InetSocketAddress("localhost", 8888))).contains("otelcol_receiver_accepted_spans");
            process.destroy();
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String minimalConfig(String grpcEndpoint, String metricsAddress) {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: %s
                processors:
                  batch:
                exporters:
                  debug:
                  otlp:
                    endpoint: tempo.invalid:4317
                    tls:
                      insecure: true
                extensions:
                  health_check:
                    endpoint: localhost:0
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [debug, otlp]
                  telemetry:
                    metrics:
                      address: %s
                """.formatted(grpcEndpoint, metricsAddress);
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private record Run(int exit, String output) {
    }

    private Run run(String... args) throws Exception {
        Process process = start(args);
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("process ends").isTrue();
        return new Run(process.exitValue(), output(process));
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("tributary.jar")));
        command.addAll(List.of(args));
        Path log = dir.resolve("out-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        logs.put(process, log);
        return process;
    }

    private final java.util.Map<Process, Path> logs = new java.util.concurrent.ConcurrentHashMap<>();

    private String output(Process process) {
        try {
            return Files.readString(logs.get(process), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitOutput(Process process, String text) {
        Await.until(() -> output(process).contains(text) || !process.isAlive(), WAIT,
                () -> "no '" + text + "' in output:\n" + output(process));
        assertThat(output(process)).as("process output").contains(text);
    }
}
