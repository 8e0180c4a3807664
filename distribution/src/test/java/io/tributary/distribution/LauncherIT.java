package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/tributary, the image's entrypoint and the command the OpenTelemetry Helm chart runs
 * ({@code /tributary --config=/conf/relay.yaml} with {@code command.name: tributary}), run outside
 * the image on the packaged jar, with the chart's default config and the environment its pod spec
 * sets: the launcher gives the JVM {@code JAVA_OPTS} as separate flags and the arguments as they
 * came, and replaces itself with the JVM, so the daemon is the process that gets the SIGTERM.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "docker", "tributary");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void runsTheChartsConfigAsTheChartStartsItAndStopsOnSigterm() throws Exception {
        // A directory name with a space: the argument must reach the daemon whole.
        Path conf = Files.createDirectories(dir.resolve("conf dir"));
        Path relay = Files.copy(Path.of(LauncherIT.class.getResource("/corpus/helm-daemonset-default.yaml").toURI()),
                conf.resolve("relay.yaml"));
        Path log = dir.resolve("daemon.log");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--config=" + relay)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(HelmChartConfigTest.POD_ENV);
        env.put("JAVA_OPTS", "-Xmx128m -Dtributary.launched.by=helm");
        env.put("TRIBUTARY_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("TRIBUTARY_JAR", System.getProperty("tributary.jar"));
        Process process = builder.start();
        try {
            Await.until(() -> output(log).contains("Everything is ready") || !process.isAlive(), WAIT,
                    () -> "the daemon did not start:\n" + output(log));
            assertThat(process.isAlive()).as("daemon running; output:\n%s", output(log)).isTrue();
            assertThat(DaemonHarness.get(new InetSocketAddress(PodAddress.IP, 13133), "/").statusCode()).isEqualTo(200);

            ProcessHandle.Info info = process.info();
            assertThat(info.command()).as("the launcher execs the JVM").hasValueSatisfying(c -> assertThat(c).endsWith("/bin/java"));
            assertThat(info.arguments()).hasValueSatisfying(args -> assertThat(args)
                    .containsSequence("-Xmx128m", "-Dtributary.launched.by=helm", "-jar", System.getProperty("tributary.jar"))
                    .endsWith("--config=" + relay));

            process.destroy(); // SIGTERM, as the kubelet sends it
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(output(log)).contains("Shutdown complete");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String output(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
