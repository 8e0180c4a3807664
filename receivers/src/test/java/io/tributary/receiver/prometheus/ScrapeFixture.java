package io.tributary.receiver.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.consumer.Consumers;
import io.tributary.core.data.Metrics;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * A {@code prometheus} receiver built from YAML as the service builds it, feeding a recording
 * consumer. Scrapes run when the test says ({@link #scrape()}), at times of a manual clock, so
 * nothing waits for an interval; {@link #start()} schedules them for real.
 */
final class ScrapeFixture implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    final Telemetry telemetry;
    final Recording<Metrics> consumer = Recording.create();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final PrometheusReceiver receiver;

    ScrapeFixture(String yaml) {
        this(yaml, name -> null);
    }

    ScrapeFixture(String yaml, Function<String, String> env) {
        this(yaml, env, new Telemetry());
    }

    /** A receiver reporting into {@code telemetry}, which the fixture closes. */
    ScrapeFixture(String yaml, Function<String, String> env, Telemetry telemetry) {
        this.telemetry = telemetry;
        ComponentContext context = TestContext.of("prometheus").telemetry(telemetry).clock(clock).scheduler(scheduler).build();
        receiver = (PrometheusReceiver) new PrometheusReceiverFactory().create(context, config(yaml, env), new Consumers(null, consumer, null));
    }

    /** Binds the YAML of the {@code prometheus} section, as the service does. */
    static PrometheusReceiverConfig config(String yaml, Function<String, String> env) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", env), "receivers::prometheus", PrometheusReceiverConfig.class,
                new PrometheusReceiverFactory().defaultConfig());
    }

    void start() {
        receiver.start(id -> Optional.empty());
    }

    /** Scrapes the first target now and returns the one request it handed on. */
    Metrics scrape() {
        return scrape(0);
    }

    /** Scrapes target {@code index} at the clock's time, then moves the clock a second on; returns what was handed on. */
    Metrics scrape(int index) {
        int before = consumer.batches().size();
        receiver.loops().get(index).scrape(clock.instant()).join();
        clock.advance(Duration.ofSeconds(1));
        List<Metrics> batches = consumer.batches();
        assertThat(batches).as("requests handed on by one scrape").hasSize(before + 1);
        return batches.get(before);
    }

    @Override
    public void close() {
        receiver.shutdown();
        scheduler.shutdownNow();
        telemetry.close();
    }

    /** Every metric of a request by name (the first of a name), across resources and scopes. */
    static Map<String, Metric> metrics(Metrics metrics) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        for (ResourceMetrics resource : metrics.resourceMetrics()) {
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                scope.getMetricsList().forEach(metric -> byName.putIfAbsent(metric.getName(), metric));
            }
        }
        return byName;
    }

    static Metric metric(Metrics metrics, String name) {
        Metric metric = metrics(metrics).get(name);
        assertThat(metric).as("metric %s among %s", name, metrics(metrics).keySet()).isNotNull();
        return metric;
    }

    /** String attributes as a map, in order. */
    static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        attributes.forEach(kv -> map.put(kv.getKey(), kv.getValue().getStringValue()));
        return map;
    }

    /** The value of a gauge's only point. */
    static double gauge(Metrics metrics, String name) {
        return metric(metrics, name).getGauge().getDataPoints(0).getAsDouble();
    }

    /** A map of the key-value pairs in the order given. */
    static Map<String, String> inOrder(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static List<String> names(Metrics metrics) {
        return new ArrayList<>(metrics(metrics).keySet());
    }
}
