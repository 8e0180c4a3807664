package io.tributary.connector.spanmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.Dimension;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.DurationUnit;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.EventsConfig;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.ExemplarsConfig;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.ExplicitConfig;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.ExponentialConfig;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.HistogramConfig;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.data.Signal;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpanMetricsConfigTest {
    @Test
    void defaultsAreOtelcols() {
        SpanMetricsConfig config = bind("");

        assertThat(config).isEqualTo(SpanMetricsConfig.DEFAULT);
        assertThat(config.aggregationTemporality()).isEqualTo("AGGREGATION_TEMPORALITY_CUMULATIVE");
        assertThat(config.delta()).isFalse();
        assertThat(config.metricsFlushInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.metricsExpiration()).isZero();
        assertThat(config.namespace()).isEqualTo("traces.span.metrics");
        assertThat(config.resourceMetricsCacheSize()).isEqualTo(1000);
        assertThat(config.timestampCacheSize()).isEqualTo(1000);
        assertThat(config.aggregationCardinalityLimit()).isZero();
        assertThat(config.histogram()).isEqualTo(new HistogramConfig(false, DurationUnit.MS, null, null, List.of()));
        assertThat(config.exemplars()).isEqualTo(new ExemplarsConfig(false, 5));
        assertThat(config.events()).isEqualTo(new EventsConfig(false, List.of()));
        assertThat(Aggregator.bounds(config.histogram()))
                .containsExactly(2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10_000, 15_000);
    }

    @Test
    void everyKeyBinds() {
        SpanMetricsConfig config = bind("""
                histogram:
                  unit: S
                  dimensions:
                    - name: url.scheme
                      default: https
                  explicit:
                    buckets: [100us, 1ms, 2s]
                dimensions:
                  - name: http.method
                    default: GET
                  - name: http.status_code
                calls_dimensions:
                  - name: http.url
                    default: /ping
                exclude_dimensions: ['status.code']
                dimensions_cache_size: 500
                resource_metrics_cache_size: 10
                resource_metrics_key_attributes: [service.name, telemetry.sdk.language]
                aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
                metrics_flush_interval: 15s
                metrics_expiration: 5m
                metric_timestamp_cache_size: 20
                namespace: span.metrics
                exemplars:
                  enabled: true
                  max_per_data_point: 3
                events:
                  enabled: true
                  dimensions:
                    - name: exception.type
                include_instrumentation_scope: [express]
                aggregation_cardinality_limit: 1500
                add_resource_attributes: true
                enable_metrics_sampling_method: true
                """);

        assertThat(config).isEqualTo(new SpanMetricsConfig(
                List.of(new Dimension("http.method", "GET"), new Dimension("http.status_code", null)),
                List.of(new Dimension("http.url", "/ping")), List.of("status.code"), 500, 10,
                List.of("service.name", "telemetry.sdk.language"), "AGGREGATION_TEMPORALITY_DELTA",
                new HistogramConfig(false, DurationUnit.S,
                        new ExplicitConfig(List.of(Duration.ofNanos(100_000), Duration.ofMillis(1), Duration.ofSeconds(2))), null,
                        List.of(new Dimension("url.scheme", "https"))),
                Duration.ofSeconds(15), Duration.ofMinutes(5), 20, "span.metrics", new ExemplarsConfig(true, 3),
                new EventsConfig(true, List.of(new Dimension("exception.type", null))), List.of("express"), 1500, true, true));
        assertThat(config.delta()).isTrue();
        assertThat(Aggregator.bounds(config.histogram())).containsExactly(0.0001, 0.001, 2.0);
    }

    @Test
    void theDefaultBucketsFollowTheUnitAndExponentialTakesItsSize() {
        assertThat(Aggregator.bounds(bind("histogram: {unit: s}").histogram()))
                .containsExactly(0.002, 0.004, 0.006, 0.008, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 1.4, 2, 5, 10, 15);
        assertThat(bind("histogram: {exponential: {max_size: 10}}").histogram().exponential()).isEqualTo(new ExponentialConfig(10));
        assertThat(Aggregator.bounds(bind("histogram: {explicit: {}}").histogram())).isEmpty();
    }

    @Test
    void anyTemporalityButDeltaIsCumulative() {
        assertThat(bind("aggregation_temporality: delta").delta()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            dimensions: [{name: span.kind}]                         | failed validating dimensions: duplicate dimension name span.kind
            dimensions: [{name: a}, {name: a}]                      | failed validating dimensions: duplicate dimension name a
            events: {enabled: true}                                 | failed validating event dimensions: no dimensions configured for events
            events: {enabled: true, dimensions: [{name: status.code}]} | failed validating event dimensions: duplicate dimension name status.code
            histogram: {explicit: {buckets: [1ms]}, exponential: {}} | use either `explicit` or `exponential` buckets histogram
            histogram: {unit: h}                                    | unknown Unit "h", allowed units are "ms" and "s"
            metrics_flush_interval: -1s                             | invalid metrics_flush_interval: -1s, the duration should be positive
            metrics_flush_interval: 0s                              | metrics_flush_interval: must be greater than 0
            metrics_expiration: -5m                                 | invalid metrics_expiration: -5m0s, the duration should be positive
            {aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA, metric_timestamp_cache_size: 0} | invalid delta timestamp cache size: 0, the maximum number of the items in the cache should be positive
            aggregation_cardinality_limit: -1                       | invalid aggregation_cardinality_limit: -1, the limit should be positive
            exemplars: {enabled: true, max_per_data_point: -1}      | invalid max_per_data_point: -1, the value should be positive
            resource_metrics_cache_size: 0                          | must provide a positive size
            """)
    void invalidSettingsAreRefusedWithOtelcolsMessage(String yaml, String message) {
        assertThatThrownBy(() -> bind(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void aZeroTimestampCacheIsOnlyRefusedForDelta() {
        assertThat(bind("metric_timestamp_cache_size: 0").timestampCacheSize()).isZero();
    }

    @Test
    void theFactoryIsDiscoveredAndConnectsTracesToMetricsOnly() {
        ConnectorFactory<?> factory = ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("spanmetrics")).findFirst().orElseThrow();

        assertThat(factory.connects(Signal.TRACES, Signal.METRICS)).isTrue();
        assertThat(factory.connects(Signal.TRACES, Signal.TRACES)).isFalse();
        assertThat(factory.connects(Signal.METRICS, Signal.METRICS)).isFalse();
        assertThat(factory.connects(Signal.LOGS, Signal.METRICS)).isFalse();
    }

    static SpanMetricsConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", n -> null), "connectors::spanmetrics", SpanMetricsConfig.class,
                new SpanMetricsConnectorFactory().defaultConfig());
    }
}
