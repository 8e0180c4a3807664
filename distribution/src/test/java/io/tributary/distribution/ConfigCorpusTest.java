package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import io.tributary.extension.healthcheck.HealthCheckConfig;
import io.tributary.testkit.TestCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The config corpus ({@code src/test/resources/corpus}): configs written for otelcol v0.148.0 that
 * use every key it accepts for each component Tributary supports, and configs it rejects; files
 * named {@code tributary-only-*} use keys only Tributary has (the compatibility lab checks each
 * file's verdict against the real otelcol and allows these by name). A file
 * whose first line is {@code # expect-error: <key path>} must be refused with an error at that key
 * path or below it (otelcol reports a component's own {@code Validate} errors at the component,
 * where Tributary may name the key inside it). Every other file must validate and then start the
 * daemon: every receiver listening, the
 * metrics endpoint and the health check (when configured) answering, then a clean shutdown.
 * {@code ${env:CORPUS_DIR}} is a fresh directory holding the files the configs name (certificates,
 * tokens, htpasswd) and where file exporters and file storage write. {@code ${env:MY_POD_IP}} is
 * {@link PodAddress}: the Helm chart's configs ({@code helm-*}) listen on the pod's IP, at the
 * chart's fixed ports.
 */
class ConfigCorpusTest {
    private static final String EXPECT_ERROR = "# expect-error: ";

    @TempDir
    Path dir;

    static Stream<String> corpus() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpusDirectory())) {
            List<String> yaml = files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".yaml")).sorted().toList();
            assertThat(yaml).hasSizeGreaterThan(50);
            return yaml.stream();
        }
    }

    private static Path corpusDirectory() throws URISyntaxException {
        return Path.of(ConfigCorpusTest.class.getResource("/corpus").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusFileGetsOtelcolsVerdict(String name) throws Exception {
        String yaml = Files.readString(corpusDirectory().resolve(name));
        Map<String, String> env = environment(yaml);
        ConfigNode root = ConfigLoader.parse(yaml, name, env::get);
        List<ConfigError> errors = Service.validate(root, Components.discover());
        Optional<String> expected = expectedErrorPath(yaml);
        if (expected.isPresent()) {
            String path = expected.get();
            assertThat(errors).as("%s: errors at or below %s", name, path).anyMatch(error -> isAtOrBelow(error.path(), path));
            return;
        }
        assertThat(errors).as("%s: errors", name).isEmpty();
        startAndStop(root, unixSockets(yaml));
    }

    /** The socket files a config listens on: a receiver on a Unix socket has no port to report. */
    private List<Path> unixSockets(String yaml) {
        return Pattern.compile("\\$\\{env:CORPUS_DIR}/([\\w.-]+\\.sock)").matcher(yaml).results()
                .map(match -> dir.resolve(match.group(1))).toList();
    }

    private static boolean isAtOrBelow(String path, String expected) {
        return path.equals(expected) || path.startsWith(expected + "::") || path.startsWith(expected + "[");
    }

    private static Optional<String> expectedErrorPath(String yaml) {
        return yaml.startsWith(EXPECT_ERROR)
                ? Optional.of(yaml.substring(EXPECT_ERROR.length(), yaml.indexOf('\n')).strip())
                : Optional.empty();
    }

    /** The files the corpus refers to, created only when a config names them (keytool is slow). */
    private Map<String, String> environment(String yaml) throws Exception {
        if (yaml.contains("server-cert.pem")) {
            TestCertificate.create(dir);
        }
        Files.writeString(dir.resolve("token.txt"), "corpus-token\n");
        Files.writeString(dir.resolve("username.txt"), "corpus");
        Files.writeString(dir.resolve("password.txt"), "secret");
        // A plain-text htpasswd entry, which go-htpasswd (and so otelcol) accepts too.
        Files.writeString(dir.resolve("htpasswd"), "corpus:secret\n");
        return Map.of("CORPUS_DIR", dir.toString(), "MY_POD_IP", PodAddress.IP);
    }

    private static void startAndStop(ConfigNode root, List<Path> sockets) throws Exception {
        try (DaemonHarness daemon = new DaemonHarness(root, Components.discover())) {
            Service service = daemon.service();
            if (sockets.isEmpty()) {
                // A prometheus receiver scrapes and listens nowhere.
                service.receiverAddresses().forEach((id, addresses) -> assertThat(addresses.isEmpty() && !id.type().equals("prometheus"))
                        .as("%s listens nowhere", id).isFalse());
            }
            assertThat(sockets).allSatisfy(socket -> assertThat(socket).as("a socket file while serving").exists());
            if (service.metricsAddress().isPresent()) {
                assertThat(daemon.scrape()).contains("otelcol_");
            }
            checkHealth(root, service);
        }
    }

    /** GETs a plain-HTTP health check, which answers 200 only once every pipeline runs. */
    private static void checkHealth(ConfigNode root, Service service) throws Exception {
        Optional<HealthCheckConfig> health = new CollectorConfig("corpus", root, Map.of())
                .component("extensions", "health_check", HealthCheckConfig.class, HealthCheckConfig.DEFAULT);
        Optional<InetSocketAddress> address = service.extensionAddresses().entrySet().stream()
                .filter(e -> e.getKey().type().equals("health_check"))
                .flatMap(e -> e.getValue().values().stream())
                .findFirst();
        if (health.isPresent() && health.get().tls() == null && address.isPresent()) {
            assertThat(DaemonHarness.get(address.get(), health.get().path()).statusCode())
                    .as("GET %s%s", address.get(), health.get().path()).isEqualTo(200);
        }
    }
}
