package io.tributary.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.exporter.otlp.OtlpExporterFactory;
import io.tributary.exporter.otlphttp.OtlpHttpExporterFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The retry line says, in otelcol's words, why an attempt failed and how long the helper waits. */
class RetryLogTest {
    private static final String RETRY = "Exporting failed. Will retry the request after interval.";
    /** Without a queue the caller waits out the retries, which give up after two seconds. */
    private static final String RETRY_BRIEFLY = """
            sending_queue: {enabled: false}
            retry_on_failure: {initial_interval: 10ms, max_interval: 100ms, max_elapsed_time: 2s}""";

    private final TestRuntime runtime = new TestRuntime();
    private final ListAppender<ILoggingEvent> helperLog = new ListAppender<>();
    private final Logger helper = (Logger) LoggerFactory.getLogger(ExporterHelper.class);
    private Exporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        helper.detachAppender(helperLog);
        if (exporter != null) {
            exporter.shutdown();
        }
        runtime.close();
    }

    @Test
    void grpcToARefusedPortNamesTheRefusalAndTheAddress() throws Exception {
        int port = refusedPort();

        Map<String, Object> retry = firstRetry(new OtlpExporterFactory(), "otlp",
                "endpoint: 127.0.0.1:" + port + "\ntls: {insecure: true}");

        assertThat(retry.get("error")).asString().contains("connection refused: 127.0.0.1:" + port).doesNotContain("io exception");
        assertThat(retry.get("interval")).asString().matches("\\d+(\\.\\d)?(ms|s)");
        assertThat(retry).containsEntry("otelcol.component.id", "otlp").containsEntry("otelcol.component.kind", "exporter");
    }

    @Test
    void httpToARefusedPortNamesTheRefusalAndTheAddress() throws Exception {
        int port = refusedPort();

        Map<String, Object> retry = firstRetry(new OtlpHttpExporterFactory(), "otlphttp", "endpoint: http://127.0.0.1:" + port);

        assertThat(retry.get("error")).asString().contains("connection refused: 127.0.0.1:" + port);
        assertThat(retry.get("interval")).asString().matches("\\d+(\\.\\d)?(ms|s)");
    }

    @Test
    void anUnresolvableNameIsNoSuchHost() throws Exception {
        Map<String, Object> grpc = firstRetry(new OtlpExporterFactory(), "otlp", "endpoint: tempo.invalid:4317\ntls: {insecure: true}");

        assertThat(grpc.get("error")).asString().contains("no such host: tempo.invalid");
    }

    /** A loopback port nobody listens on any more. */
    private static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts the exporter from {@code yaml}, sends one batch until it gives up and returns the fields of the first retry line. */
    private <C> Map<String, Object> firstRetry(ExporterFactory<C> factory, String id, String yaml) throws Exception {
        helperLog.start();
        helper.addAppender(helperLog);
        C config = Binder.bind(ConfigLoader.parse(yaml + "\n" + RETRY_BRIEFLY, "test.yaml", name -> null),
                "exporters::" + id, factory.configType(), factory.defaultConfig());
        exporter = factory.create(runtime.context(id), config);
        exporter.start(null);

        assertThatThrownBy(() -> exporter.consume(Traces.of(SampleTraces.request("a", 1, 3))))
                .isInstanceOf(RetryableException.class);

        ILoggingEvent retry = helperLog.list.stream().filter(e -> e.getFormattedMessage().equals(RETRY)).findFirst()
                .orElseThrow(() -> new AssertionError("no retry logged; events: " + helperLog.list));
        Map<String, Object> fields = new LinkedHashMap<>();
        retry.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        return fields;
    }
}
