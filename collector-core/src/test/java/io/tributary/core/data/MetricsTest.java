package io.tributary.core.data;

import static io.tributary.testkit.TestMetrics.everyType;
import static io.tributary.testkit.TestMetrics.gauge;
import static io.tributary.testkit.TestMetrics.histogram;
import static io.tributary.testkit.TestMetrics.points;
import static io.tributary.testkit.TestMetrics.request;
import static io.tributary.testkit.TestMetrics.resource;
import static io.tributary.testkit.TestMetrics.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.tributary.core.client.ClientInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /** Two resources: 3 points of each of the five types, then a gauge of 4 and a metric with no data. */
    private static final ExportMetricsServiceRequest REQUEST = request(
            resource("frontend", scope("sdk", everyType(3))),
            resource("backend", scope("a", List.of(gauge("queue", 4))), scope("b", List.of(Metric.newBuilder().setName("empty").build()))));

    @Test
    void parseCountsEveryDataPointOfEveryMetricType() throws Exception {
        Metrics metrics = Metrics.parse(REQUEST.toByteString());

        assertThat(metrics.dataPointCount()).isEqualTo(19).isEqualTo(metrics.itemCount());
        assertThat(metrics.resourceEntryCount()).isEqualTo(2);
        assertThat(metrics.resourceMetrics()).isEqualTo(REQUEST.getResourceMetricsList());
        assertThat(metrics.encoded()).isSameAs(metrics.encoded());
    }

    @Test
    void ofCountsAsParseDoesAndEncodesToTheSameRequest() throws Exception {
        Metrics metrics = Metrics.of(REQUEST);

        assertThat(metrics.dataPointCount()).isEqualTo(19);
        assertThat(Metrics.parse(metrics.encoded()).toRequest()).isEqualTo(REQUEST);
    }

    @Test
    void concatOfEncodedPartsIsTheirBytesInOrder() throws Exception {
        Metrics first = Metrics.parse(request(REQUEST.getResourceMetrics(0)).toByteString());
        Metrics second = Metrics.parse(request(REQUEST.getResourceMetrics(1)).toByteString());

        Metrics both = Metrics.concat(List.of(first, Metrics.EMPTY, second));

        assertThat(both.dataPointCount()).isEqualTo(19);
        assertThat(both.encoded()).isEqualTo(REQUEST.toByteString());
        assertThat(both.resourceMetrics()).isEqualTo(REQUEST.getResourceMetricsList());
    }

    @Test
    void splitCutsMetricsBetweenTheirDataPointsKeepingEachPointOnceInOrder() throws Exception {
        Metrics metrics = Metrics.parse(REQUEST.toByteString());

        List<Metrics> parts = metrics.split(4);

        assertThat(parts).extracting(Metrics::dataPointCount).containsExactly(4, 4, 4, 4, 3);
        List<ResourceMetrics> all = new ArrayList<>();
        for (Metrics part : parts) {
            Metrics reparsed = Metrics.parse(part.encoded());
            assertThat(reparsed.dataPointCount()).isEqualTo(part.dataPointCount());
            all.addAll(reparsed.resourceMetrics());
        }
        assertThat(points(all)).isEqualTo(points(REQUEST.getResourceMetricsList()));
        // every piece keeps its resource, scope and the metric's own fields
        ResourceMetrics firstPiece = parts.get(1).resourceMetrics().get(0);
        assertThat(firstPiece.getResource()).isEqualTo(REQUEST.getResourceMetrics(0).getResource());
        assertThat(firstPiece.getScopeMetrics(0).getScope().getName()).isEqualTo("sdk");
        Metric cutSum = firstPiece.getScopeMetrics(0).getMetrics(0);
        assertThat(cutSum.getName()).isEqualTo("s");
        assertThat(cutSum.getSum().getIsMonotonic()).isTrue();
        assertThat(cutSum.getSum().getAggregationTemporality())
                .isEqualTo(REQUEST.getResourceMetrics(0).getScopeMetrics(0).getMetrics(1).getSum().getAggregationTemporality());
        // the metric without data points stays with the last part
        assertThat(parts.get(4).resourceMetrics().get(0).getScopeMetrics(1).getMetrics(0).getName()).isEqualTo("empty");
    }

    @Test
    void splitTakesWholeResourcesThatFitAsSlicesOfTheBytes() throws Exception {
        Metrics metrics = Metrics.parse(REQUEST.toByteString());

        List<Metrics> parts = metrics.split(15);

        assertThat(parts).extracting(Metrics::dataPointCount).containsExactly(15, 4);
        assertThat(parts.get(0).encoded()).isEqualTo(request(REQUEST.getResourceMetrics(0)).toByteString());
    }

    @Test
    void theClientStaysThroughSplitsAndCompaction() throws Exception {
        ClientInfo client = ClientInfo.of(new InetSocketAddress("127.0.0.1", 4317));
        Metrics metrics = Metrics.of(REQUEST).withClient(client);

        assertThat(metrics.split(5)).extracting(Metrics::client).containsOnly(client);
        assertThat(metrics.compact().client()).isSameAs(client);
        assertThat(Metrics.concat(List.of(metrics, Metrics.of(REQUEST))).client()).isSameAs(ClientInfo.NONE);
    }

    @Test
    void anExemplarsTraceIdMayBeEmptyButNotOfAnotherLength() throws Exception {
        Metric noTrace = gauge("g", 1).toBuilder().setGauge(gauge("g", 1).getGauge().toBuilder()
                .setDataPoints(0, gauge("g", 1).getGauge().getDataPoints(0).toBuilder()
                        .setExemplars(0, gauge("g", 1).getGauge().getDataPoints(0).getExemplars(0).toBuilder().clearTraceId().clearSpanId())))
                .build();
        assertThat(Metrics.parse(request(resource("svc", scope("s", List.of(noTrace)))).toByteString()).dataPointCount()).isEqualTo(1);

        Metric badTrace = noTrace.toBuilder().setGauge(noTrace.getGauge().toBuilder().setDataPoints(0, noTrace.getGauge().getDataPoints(0)
                .toBuilder().setExemplars(0, noTrace.getGauge().getDataPoints(0).getExemplars(0).toBuilder()
                        .setTraceId(ByteString.copyFromUtf8("abc"))))).build();
        assertThatThrownBy(() -> Metrics.parse(request(resource("svc", scope("s", List.of(badTrace)))).toByteString()))
                .isInstanceOf(InvalidOtlpException.class)
                .hasMessage("resource_metrics[0].scope_metrics[0].metrics[0].gauge.data_points[0].exemplars[0]: "
                        + "trace_id must be empty or 16 bytes, got 3");
    }

    @Test
    void packedBucketCountsMustHoldWholeValues() {
        // A histogram data point whose packed bucket_counts (field 6) holds 7 bytes, not a multiple of 8.
        byte[] point = {0x32, 7, 1, 2, 3, 4, 5, 6, 7};
        byte[] histogram = concat(new byte[] {0x0A, (byte) point.length}, point);
        byte[] metric = concat(new byte[] {0x4A, (byte) histogram.length}, histogram);
        byte[] scope = concat(new byte[] {0x12, (byte) metric.length}, metric);
        byte[] resource = concat(new byte[] {0x12, (byte) scope.length}, scope);
        byte[] request = concat(new byte[] {0x0A, (byte) resource.length}, resource);

        assertThatThrownBy(() -> Metrics.parse(ByteString.copyFrom(request)))
                .isInstanceOf(InvalidOtlpException.class)
                .hasMessage("resource_metrics[0].scope_metrics[0].metrics[0].histogram.data_points[0]: "
                        + "bucket_counts is packed fixed64 values but its length 7 is not a multiple of 8");
    }

    @Test
    void unpackedRepeatedValuesAreAcceptedAsProtobufAcceptsThem() throws Exception {
        // bucket_counts (field 6) as two separate fixed64 fields (wire type 1) instead of packed
        byte[] point = concat(new byte[] {0x31, 1, 0, 0, 0, 0, 0, 0, 0}, new byte[] {0x31, 2, 0, 0, 0, 0, 0, 0, 0});
        byte[] histogram = concat(new byte[] {0x0A, (byte) point.length}, point);
        byte[] metric = concat(new byte[] {0x4A, (byte) histogram.length}, histogram);
        byte[] scope = concat(new byte[] {0x12, (byte) metric.length}, metric);
        byte[] resource = concat(new byte[] {0x12, (byte) scope.length}, scope);
        byte[] request = concat(new byte[] {0x0A, (byte) resource.length}, resource);

        Metrics metrics = Metrics.parse(ByteString.copyFrom(request));

        assertThat(metrics.dataPointCount()).isEqualTo(1);
        assertThat(metrics.resourceMetrics().get(0).getScopeMetrics(0).getMetrics(0).getHistogram().getDataPoints(0).getBucketCountsList())
                .containsExactly(1L, 2L);
    }

    @Test
    void aTracesRequestIsNotAMetricsRequest() {
        ByteString traces = io.tributary.testkit.TestTraces.request(io.tributary.testkit.TestTraces.resource("svc",
                io.tributary.testkit.TestTraces.span("a"))).toByteString();

        assertThatThrownBy(() -> Metrics.parse(traces)).isInstanceOf(InvalidOtlpException.class)
                .hasMessage("resource_metrics[0].scope_metrics[0].metrics[0].gauge: field 12 is truncated: needs 8 bytes, 0 left");
    }

    @Test
    void histogramsKeepEveryFieldThroughTheBytes() throws Exception {
        ExportMetricsServiceRequest request = request(resource("svc", scope("s", List.of(histogram("latency", 2)))));

        Metrics metrics = Metrics.parse(request.toByteString());

        assertThat(metrics.split(1)).hasSize(2);
        List<Metric> cut = Metrics.concat(metrics.split(1)).toRequest().getResourceMetricsList().stream()
                .flatMap(resource -> resource.getScopeMetrics(0).getMetricsList().stream()).toList();
        assertThat(cut).hasSize(2).allSatisfy(metric -> {
            assertThat(metric.getName()).isEqualTo("latency");
            assertThat(metric.getHistogram().getDataPointsList()).hasSize(1);
        });
        assertThat(cut.get(1).getHistogram().getDataPoints(0))
                .isEqualTo(request.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getHistogram().getDataPoints(1));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
