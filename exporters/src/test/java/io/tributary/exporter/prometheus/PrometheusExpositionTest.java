package io.tributary.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.OtlpJsonReader;
import io.tributary.testkit.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The exposition for known inputs (OTLP/JSON beside each expected answer), compared byte for byte
 * with what otelcol-contrib v0.148.0's prometheus exporter serves for the same input, settings
 * and {@code Accept} header: each expected text (and protobuf answer) was scraped from it.
 */
class PrometheusExpositionTest {
    /** What Prometheus 2.42 asks for by default. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8; escaping=underscores";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores";

    private final ManualClock clock = new ManualClock();

    @Test
    void spanMetricsAreTheCountersAndMillisecondHistogramsJaegerQueries() {
        PrometheusSender sender = sender("endpoint: 127.0.0.1:0", "spanmetrics.json");

        assertScrape(sender, null, TEXT, "spanmetrics.txt");
        assertScrape(sender, PROMETHEUS_ACCEPT, TEXT, "spanmetrics.txt");
    }

    @Test
    void openMetricsCarriesTheExemplarsOfCountersAndBucketsWhenEnabled() {
        PrometheusSender sender = sender("{endpoint: 127.0.0.1:0, enable_open_metrics: true}", "spanmetrics.json");

        assertScrape(sender, PROMETHEUS_ACCEPT, OPEN_METRICS, "spanmetrics-openmetrics.txt");
        assertScrape(sender, "text/plain;version=0.0.4", TEXT, "spanmetrics.txt");
    }

    @Test
    void everyMetricTypeWithNamespaceConstLabelsAndTimestamps() {
        PrometheusSender sender = sender("""
                endpoint: 127.0.0.1:0
                namespace: test-space
                const_labels: {env: prod, "another label": spaced value}
                send_timestamps: true
                enable_open_metrics: true
                """, "types.json");

        assertScrape(sender, null, TEXT, "types-namespace-const-labels-timestamps.txt");
        assertScrape(sender, PROMETHEUS_ACCEPT, OPEN_METRICS, "types-namespace-const-labels-timestamps-openmetrics.txt");
    }

    @Test
    void withoutSuffixesAndScopeInfoAndWithResourceAttributesAsLabels() {
        PrometheusSender sender = sender("""
                endpoint: 127.0.0.1:0
                add_metric_suffixes: false
                without_scope_info: true
                resource_to_telemetry_conversion: {enabled: true, exclude_service_attributes: true}
                """, "spanmetrics.json");

        assertScrape(sender, null, TEXT, "spanmetrics-without-suffixes-scope-with-resource-labels.txt");
    }

    @Test
    void utf8NamesAreKeptQuotedOrEscapedAsTheScrapeAsks() {
        PrometheusSender sender = sender("{endpoint: 127.0.0.1:0, translation_strategy: NoUTF8EscapingWithSuffixes}", "types.json");

        assertScrape(sender, "text/plain;version=0.0.4;escaping=allow-utf-8", TEXT.replace("underscores", "allow-utf-8"),
                "types-utf8-allowed.txt");
        assertScrape(sender, "text/plain;version=0.0.4;escaping=dots", TEXT.replace("underscores", "dots"), "types-utf8-dots.txt");
        assertScrape(sender, "text/plain;version=0.0.4;escaping=values", TEXT.replace("underscores", "values"), "types-utf8-values.txt");
        assertScrape(sender, null, TEXT, "types-utf8-underscores.txt");
    }

    /**
     * What the text formats cannot carry: native histograms' buckets (a scale above 8 folded to
     * 8, spans across gaps, negative buckets, the default zero threshold) and created timestamps.
     */
    @Test
    void protobufCarriesNativeHistogramsAndCreatedTimestamps() {
        PrometheusSender sender = sender("{endpoint: 127.0.0.1:0, namespace: test-space, send_timestamps: true}", "types.json");

        FullHttpResponse response = sender.respond(request("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited"));
        try {
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE))
                    .isEqualTo("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited; escaping=underscores");
            assertThat(ByteBufUtil.getBytes(response.content())).isEqualTo(resourceBytes("types-namespace-timestamps.pb"));
        } finally {
            response.release();
        }
    }

    /**
     * Aligned deltas add up; a delta sum that starts later starts over; a delta histogram that
     * overlaps is dropped; merged histograms lose their exemplars; a non-monotonic delta sum is
     * dropped; the exponential histogram, doubled in its first bucket by otelcol's downscaling,
     * no longer adds up to its count and is left out.
     */
    @Test
    void deltaSumsAndHistogramsAccumulateIntoCumulativeAsOtelcolDoes() {
        PrometheusSender sender = sender("{endpoint: 127.0.0.1:0, enable_open_metrics: true}", "delta-1.json", "delta-2.json", "delta-3.json");

        assertScrape(sender, PROMETHEUS_ACCEPT, OPEN_METRICS, "delta-openmetrics.txt");
    }

    private PrometheusSender sender(String yaml, String... inputs) {
        PrometheusSender sender = new PrometheusSender(TestContext.of("prometheus").clock(clock).build(), config(yaml));
        for (String input : inputs) {
            sender.send(Signal.METRICS, Metrics.of(OtlpJsonReader.read(resource(input), ExportMetricsServiceRequest.getDefaultInstance())),
                    Duration.ZERO);
        }
        return sender;
    }

    static PrometheusExporterConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "exporters::prometheus", PrometheusExporterConfig.class,
                PrometheusExporterConfig.DEFAULT);
    }

    private static void assertScrape(PrometheusSender sender, String accept, String contentType, String expected) {
        FullHttpResponse response = sender.respond(request(accept));
        try {
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(contentType);
            assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo(resource(expected));
        } finally {
            response.release();
        }
    }

    static FullHttpRequest request(String accept) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/metrics");
        if (accept != null) {
            request.headers().set(HttpHeaderNames.ACCEPT, accept);
        }
        return request;
    }

    static String resource(String name) {
        return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(String name) {
        try (InputStream in = PrometheusExpositionTest.class.getResourceAsStream("/prometheus/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
