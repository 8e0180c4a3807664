package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.testkit.Await;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the processor does with what its detectors found: merging, ordering, failures, every signal. */
class ResourceDetectionProcessorTest {
    private final Detecting detecting = new Detecting();

    @AfterEach
    void close() {
        detecting.close();
    }

    @Test
    void byDefaultTheEnvDetectorsAttributesReplaceTheResources() throws Exception {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, team = pay%20ments,service.name=from-env")
                .start("{}");

        assertThat(detecting.resourceAfter(attribute("service.name", "checkout"), attribute("host.name", "h1"))).containsExactly(
                attribute("service.name", "from-env"),
                attribute("host.name", "h1"),
                attribute("deployment.environment", "prod"),
                attribute("team", "pay ments"));
    }

    @Test
    void withoutOverrideOnlyMissingAttributesAreAdded() throws Exception {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-env,region=eu").start("override: false");

        assertThat(detecting.resourceAfter(attribute("service.name", "checkout"))).containsExactly(
                attribute("service.name", "checkout"), attribute("region", "eu"));
    }

    @Test
    void aBatchTheDetectedAttributesDoNotChangeIsPassedOnAsItIs() throws Exception {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "region=eu").start("{}");
        Traces encoded = Traces.parse(Traces.of(List.of(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("region", "eu"))).build())).encoded());

        detecting.consume(encoded);

        assertThat(detecting.next.batches()).singleElement().isSameAs(encoded);
    }

    @Test
    void withARefreshIntervalItDetectsAgain() throws Exception {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "region=eu").start("refresh_interval: 20ms");
        assertThat(detecting.resourceAfter()).containsExactly(attribute("region", "eu"));

        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "region=us");

        Await.until(() -> detecting.resourceAfterUnchecked().equals(List.of(attribute("region", "us"))), Duration.ofSeconds(10),
                () -> "the refreshed attribute never arrived");
    }

    @Test
    void aFailedRefreshKeepsWhatTheLastOneFound() throws Exception {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "region=eu").start("{refresh_interval: 20ms, timeout: 100ms}");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceDetectionProcessor.class);
        logger.addAppender(log);
        try {
            detecting.env("OTEL_RESOURCE_ATTRIBUTES", "region=eu,broken");

            Await.until(() -> !log.list.isEmpty(), Duration.ofSeconds(10), () -> "no refresh failed");
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list.get(0).getFormattedMessage()).startsWith("resource refresh failed; keeping previous snapshot");
        assertThat(detecting.resourceAfter()).containsExactly(attribute("region", "eu"));
    }

    @Test
    void anEarlierDetectorWinsOverALaterOne() throws Exception {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "host.name=from-env,os.type=plan9").start("detectors: [env, system]");

        List<KeyValue> resource = detecting.resourceAfter();

        assertThat(resource).contains(attribute("host.name", "from-env"), attribute("os.type", "plan9"));
        assertThat(resource).extracting(kv -> kv.getKey()).containsOnlyOnce("host.name", "os.type");
    }

    @Test
    void anUnreachableMetadataServiceIsSkippedWithOneWarningAndTheProcessorRuns() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(Detection.class);
        logger.addAppender(log);
        try {
            detecting.env("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + closedPort)
                    .env("GCE_METADATA_HOST", "127.0.0.1:" + closedPort)
                    .env("OTEL_RESOURCE_ATTRIBUTES", "region=eu")
                    .start("{detectors: [ec2, gcp, env], timeout: 500ms}");
        } finally {
            logger.detachAppender(log);
        }

        assertThat(detecting.resourceAfter(attribute("service.name", "a"))).containsExactly(attribute("service.name", "a"), attribute("region", "eu"));
        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactlyInAnyOrder(
                        ec2 -> assertThat(ec2).startsWith("the ec2 detector adds nothing: no EC2 instance metadata"),
                        gcp -> assertThat(gcp).startsWith("the gcp detector adds nothing: no GCP metadata server at http://127.0.0.1:" + closedPort));
    }

    @Test
    void aDetectorThatFailsUntilTheTimeoutFailsTheStart() {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "key=value,key");

        assertThatThrownBy(() -> detecting.start("timeout: 100ms"))
                .hasMessage("resource detection failed: env: invalid resource format, invalid text: \"key\"");
    }

    @Test
    void noDetectorsFailsTheStartAsInOtelcol() {
        assertThatThrownBy(() -> detecting.start("detectors: []")).hasMessage("resource detection failed: no detectors succeeded");
    }

    @Test
    void editsTheResourcesOfMetricsAndLogs() throws Exception {
        detecting.env("OTEL_RESOURCE_ATTRIBUTES", "region=eu");
        ResourceDetectionProcessorFactory factory = detecting.factory();
        Recording<Metrics> metrics = Recording.create();
        Recording<Logs> logs = Recording.create();
        SignalProcessor<Metrics> metricsProcessor = factory.create(detecting.context(), Detecting.config("{}"), Signal.METRICS, metrics);
        SignalProcessor<Logs> logsProcessor = factory.create(detecting.context(), Detecting.config("{}"), Signal.LOGS, logs);
        metricsProcessor.start(id -> Optional.empty());
        logsProcessor.start(id -> Optional.empty());
        ResourceMetrics metricsIn = TestMetrics.resource("svc", TestMetrics.scope("lib", TestMetrics.everyType(2)));
        ResourceLogs logsIn = TestLogs.resource("svc", TestLogs.scope("app", TestLogs.records("a")));

        metricsProcessor.consume(Metrics.parse(Metrics.of(List.of(metricsIn)).encoded()));
        logsProcessor.consume(Logs.parse(Logs.of(List.of(logsIn)).encoded()));

        assertThat(metrics.batches().get(0).resourceMetrics().get(0).getResource().getAttributesList())
                .containsExactly(attribute("service.name", "svc"), attribute("region", "eu"));
        assertThat(logs.batches().get(0).resourceLogs().get(0).getResource().getAttributesList())
                .containsExactly(attribute("service.name", "svc"), attribute("region", "eu"));
        metricsProcessor.shutdown();
        logsProcessor.shutdown();
    }

    @Test
    void theFactoryIsDiscoveredAsResourcedetectionOfEverySignal() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f.type().equals("resourcedetection"))
                .singleElement().satisfies(f -> assertThat(f.signals()).containsExactlyInAnyOrder(Signal.TRACES, Signal.METRICS, Signal.LOGS));
    }
}
