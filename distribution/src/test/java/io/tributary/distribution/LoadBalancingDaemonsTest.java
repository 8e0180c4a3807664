package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three gateway daemons behind one agent daemon whose {@code loadbalancing} exporter lists them
 * statically: the spans of a trace, sent to the agent in separate requests and batched there with
 * other traces' spans, all reach one gateway, and every gateway gets a share.
 */
class LoadBalancingDaemonsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TRACES = 1000;
    private static final int SPANS_PER_TRACE = 3;

    private final List<OtlpBackend> sinks = List.of(OtlpBackend.start(), OtlpBackend.start(), OtlpBackend.start());
    private final List<DaemonHarness> gateways = new ArrayList<>();
    private DaemonHarness agent;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (agent != null) {
            agent.close();
        }
        gateways.forEach(DaemonHarness::close);
        sinks.forEach(OtlpBackend::close);
    }

    @Test
    void everyTraceEndsUpWholeOnOneGatewayAndEveryGatewayGetsAShare() throws Exception {
        List<String> hostnames = new ArrayList<>();
        for (OtlpBackend sink : sinks) {
            DaemonHarness gateway = new DaemonHarness("""
                    receivers:
                      otlp: {protocols: {grpc: {endpoint: localhost:0}}}
                    exporters:
                      otlp: {endpoint: localhost:%d, tls: {insecure: true}}
                    service:
                      pipelines:
                        traces: {receivers: [otlp], exporters: [otlp]}
                      telemetry: {metrics: {level: none}}
                    """.formatted(sink.port()));
            gateways.add(gateway);
            hostnames.add("localhost:" + gateway.receiver("otlp", "grpc").getPort());
        }
        agent = new DaemonHarness("""
                receivers:
                  otlp: {protocols: {grpc: {endpoint: localhost:0}}}
                processors:
                  batch: {timeout: 20ms}
                exporters:
                  loadbalancing:
                    protocol:
                      otlp: {tls: {insecure: true}, timeout: 2s}
                    resolver:
                      static: {hostnames: [%s]}
                service:
                  pipelines:
                    traces: {receivers: [otlp], processors: [batch], exporters: [loadbalancing]}
                  telemetry: {metrics: {level: none}}
                """.formatted(String.join(", ", hostnames)));
        channel = ManagedChannelBuilder.forAddress("localhost", agent.receiver("otlp", "grpc").getPort()).usePlaintext().build();

        List<ByteString> traceIds = traceIds();
        for (int span = 0; span < SPANS_PER_TRACE; span++) {
            for (ByteString traceId : traceIds) {
                ClientCalls.blockingUnaryCall(channel, OtlpBackend.EXPORT, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                        request(traceId, span));
            }
        }

        int total = TRACES * SPANS_PER_TRACE;
        Await.until(() -> sinks.stream().mapToInt(OtlpBackend::spanCount).sum() >= total, WAIT, () -> total + " spans at the gateways");
        Map<ByteString, Set<Integer>> gatewaysOfTrace = new HashMap<>();
        Map<ByteString, Integer> spansOfTrace = new HashMap<>();
        for (int i = 0; i < sinks.size(); i++) {
            assertThat(sinks.get(i).spanCount()).as("gateway %d's share", i).isGreaterThan(TRACES * SPANS_PER_TRACE / 10);
            for (Span span : sinks.get(i).spans()) {
                gatewaysOfTrace.computeIfAbsent(span.getTraceId(), t -> new HashSet<>()).add(i);
                spansOfTrace.merge(span.getTraceId(), 1, Integer::sum);
            }
        }
        assertThat(sinks.stream().mapToInt(OtlpBackend::spanCount).sum()).isEqualTo(total);
        assertThat(gatewaysOfTrace).hasSize(TRACES).allSatisfy((traceId, gateways) -> assertThat(gateways).hasSize(1));
        assertThat(spansOfTrace.values()).containsOnly(SPANS_PER_TRACE);
    }

    private static List<ByteString> traceIds() {
        Random random = new Random(42);
        List<ByteString> ids = new ArrayList<>();
        for (int i = 0; i < TRACES; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            ids.add(ByteString.copyFrom(id));
        }
        return ids;
    }

    private static ExportTraceServiceRequest request(ByteString traceId, int span) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setTraceId(traceId)
                        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(span + 1).array()))
                        .setName("span-" + span).setStartTimeUnixNano(1).setEndTimeUnixNano(2))))
                .build();
    }
}
