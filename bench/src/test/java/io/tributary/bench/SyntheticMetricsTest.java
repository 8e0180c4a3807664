package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticMetricsTest {
    private final SyntheticMetrics metrics = new SyntheticMetrics(42);

    @Test
    void everyRequestHoldsExactlyTheAskedNumberOfDataPointsAndPassesValidation() throws Exception {
        for (int i = 0; i < 20; i++) {
            ExportMetricsServiceRequest request = metrics.nextRequest(SyntheticMetrics.POINTS_PER_REQUEST);

            assertThat(Metrics.parse(ByteString.copyFrom(request.toByteArray())).dataPointCount())
                    .isEqualTo(SyntheticMetrics.POINTS_PER_REQUEST);
        }
    }

    @Test
    void aPoolMixesSumsGaugesAndBothKindsOfHistogramFromEveryService() {
        List<Metric> all = new ArrayList<>();
        Set<String> services = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            for (ResourceMetrics rm : metrics.nextRequest(SyntheticMetrics.POINTS_PER_REQUEST).getResourceMetricsList()) {
                services.add(rm.getResource().getAttributes(0).getValue().getStringValue());
                rm.getScopeMetricsList().forEach(sm -> all.addAll(sm.getMetricsList()));
            }
        }

        assertThat(services).containsExactlyInAnyOrder(SyntheticShop.SERVICES);
        assertThat(all.stream().map(Metric::getDataCase).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                Metric.DataCase.SUM, Metric.DataCase.GAUGE, Metric.DataCase.HISTOGRAM, Metric.DataCase.EXPONENTIAL_HISTOGRAM);
        assertThat(all.stream().filter(Metric::hasHistogram).flatMap(m -> m.getHistogram().getDataPointsList().stream())
                .flatMap(p -> p.getAttributesList().stream()).map(KeyValue::getKey))
                .contains("http.route", "http.response.status_code", "db.collection.name");
    }

    @Test
    void histogramBucketsAddUpToTheirCount() {
        List<HistogramDataPoint> explicit = new ArrayList<>();
        List<ExponentialHistogramDataPoint> exponential = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            metrics.nextRequest(SyntheticMetrics.POINTS_PER_REQUEST).getResourceMetricsList().stream()
                    .flatMap(rm -> rm.getScopeMetricsList().stream())
                    .flatMap(sm -> sm.getMetricsList().stream())
                    .forEach(m -> {
                        explicit.addAll(m.getHistogram().getDataPointsList());
                        exponential.addAll(m.getExponentialHistogram().getDataPointsList());
                    });
        }

        assertThat(explicit).isNotEmpty().allSatisfy(p -> {
            assertThat(p.getBucketCountsCount()).isEqualTo(p.getExplicitBoundsCount() + 1);
            assertThat(p.getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(p.getCount());
            assertThat(p.getMin()).isLessThanOrEqualTo(p.getMax());
        });
        assertThat(exponential).isNotEmpty().allSatisfy(p ->
                assertThat(p.getPositive().getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(p.getCount()));
    }

    @Test
    void requestsWeighAboutAsMuchAsTheTracesRequests() {
        List<byte[]> pool = LoadGenerator.encodePool(Signal.METRICS, 20, SyntheticMetrics.POINTS_PER_REQUEST, 7);
        double perRequest = pool.stream().mapToInt(r -> r.length).sum() / 20.0;

        assertThat(perRequest).isBetween(35_000.0, 45_000.0);
    }
}
