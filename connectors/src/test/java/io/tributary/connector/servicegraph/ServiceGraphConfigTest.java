package io.tributary.connector.servicegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.data.Signal;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceGraphConfigTest {
    @Test
    void defaultsAreOtelcols() {
        ServiceGraphConfig config = bind("{}");

        assertThat(config.latencyHistogramBuckets()).isNull();
        assertThat(config.exponentialHistogramMaxSize()).isZero();
        assertThat(config.dimensions()).isEmpty();
        assertThat(config.store()).isEqualTo(new ServiceGraphConfig.Store(1000, Duration.ofSeconds(2)));
        assertThat(config.cacheLoop()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.storeExpirationLoop()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.virtualNodePeerAttributes()).containsExactly("peer.service", "db.name", "db.system");
        assertThat(config.virtualNodeExtraLabel()).isFalse();
        assertThat(config.metricsFlushInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.databaseNameAttributes()).containsExactly("db.name");
        assertThat(config.metricsTimestampOffset()).isZero();
        assertThat(config.flushesEveryBatch()).isFalse();
    }

    @Test
    void bindsEveryKey() {
        ServiceGraphConfig config = bind("""
                latency_histogram_buckets: [100ms, 1s]
                dimensions: [http.method]
                store: {ttl: 5s, max_items: 10}
                cache_loop: 2m
                store_expiration_loop: 1s
                virtual_node_peer_attributes: [messaging.system]
                virtual_node_extra_label: true
                metrics_flush_interval: 15s
                database_name_attributes: [db.namespace]
                metrics_timestamp_offset: 10s
                """);

        assertThat(config).isEqualTo(new ServiceGraphConfig(List.of(Duration.ofMillis(100), Duration.ofSeconds(1)), 0,
                List.of("http.method"), new ServiceGraphConfig.Store(10, Duration.ofSeconds(5)), Duration.ofMinutes(2),
                Duration.ofSeconds(1), List.of("messaging.system"), true, Duration.ofSeconds(15), List.of("db.namespace"),
                Duration.ofSeconds(10)));
    }

    @Test
    void loopsOfZeroRunAtTheDefaultIntervalsAndAnEmptyDatabaseListIsTheDefault() {
        ServiceGraphConfig config = bind("{cache_loop: 0s, store_expiration_loop: -1s, metrics_flush_interval: 0s, "
                + "database_name_attributes: [], virtual_node_peer_attributes: []}");

        assertThat(config.cacheLoopInEffect()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.storeExpirationLoopInEffect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.flushesEveryBatch()).isTrue();
        assertThat(config.databaseNameAttributesInEffect()).containsExactly("db.name");
        assertThat(config.virtualNodePeerAttributes()).as("an empty list turns virtual nodes off").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exponential_histogram_max_size: -1| `exponential_histogram_max_size` can not be negative",
        "{latency_histogram_buckets: [1s], exponential_histogram_max_size: 160}| use either `latency_histogram_buckets` or `exponential_histogram_max_size`",
    })
    void refusesWhatOtelcolRefuses(String yaml, String message) {
        assertThatThrownBy(() -> bind(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("connectors::servicegraph::exponential_histogram_max_size")
                .hasMessageContaining(message);
    }

    @Test
    void bindsTheExponentialHistogramSizeAlsoBesideBucketsWhenNegativeAsOtelcolValidates() {
        assertThat(bind("exponential_histogram_max_size: 40").exponentialHistogramMaxSize()).isEqualTo(40);
        assertThat(bind("{latency_histogram_buckets: [1s], exponential_histogram_max_size: -1}").exponentialHistogramMaxSize())
                .isEqualTo(-1);
    }

    @Test
    void isRegisteredAsATracesToMetricsConnector() {
        assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(factory -> factory.type().equals("servicegraph")).singleElement().satisfies(factory -> {
                    assertThat(factory.connects(Signal.TRACES, Signal.METRICS)).isTrue();
                    assertThat(factory.connects(Signal.TRACES, Signal.TRACES)).isFalse();
                    assertThat(factory.connects(Signal.METRICS, Signal.METRICS)).isFalse();
                    assertThat(factory.connects(Signal.LOGS, Signal.METRICS)).isFalse();
                });
    }

    private static ServiceGraphConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "connectors::servicegraph", ServiceGraphConfig.class,
                ServiceGraphConfig.DEFAULT);
    }
}
