package io.tributary.distribution;

import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.TestTraces;
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
 * Three gateway daemons running {@code tail_sampling} behind one agent daemon whose
 * {@code loadbalancing} exporter lists them statically: the spans of a trace, sent to the agent in
 * separate requests and batched there with other traces' spans, all reach one gateway, and every
 * gateway gets a share; so each gateway's sampling decisions see whole traces: a kept trace
 * arrives with all its spans, and every trace whose error is on its last span is kept.
 */
class LoadBalancingDaemonsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int TRACES = 1000;
    private static final int SPANS_PER_TRACE = 3;
    /** Traces sent together, span by span: a trace's spans are ~2 × this many requests apart, well within decision_wait. */
    private static final int WINDOW = 100;
    /** Every tenth trace has an error, on its last span only. */
    private static final int ERROR_EVERY = 10;

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
    void everyTraceEndsUpWholeOnOneGatewayWhereTailSamplingDecidesOnAllItsSpans() throws Exception {
        List<String> hostnames = new ArrayList<>();
        for (OtlpBackend sink : sinks) {
            DaemonHarness gateway = new DaemonHarness("""
                    receivers:
                      otlp: {protocols: {grpc: {endpoint: localhost:0}}}
                    processors:
                      tail_sampling:
                        decision_wait: 3s
                        policies:
                          - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
                          - {name: half, type: probabilistic, probabilistic: {sampling_percentage: 50}}
                    exporters:
                      otlp: {endpoint: localhost:%d, tls: {insecure: true}}
                    service:
                      pipelines:
                        traces: {receivers: [otlp], processors: [tail_sampling], exporters: [otlp]}
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
        for (int from = 0; from < TRACES; from += WINDOW) {
            for (int span = 0; span < SPANS_PER_TRACE; span++) {
                for (int trace = from; trace < from + WINDOW; trace++) {
                    boolean error = isError(trace) && span == SPANS_PER_TRACE - 1;
                    ClientCalls.blockingUnaryCall(channel, OtlpBackend.EXPORT,
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request(traceIds.get(trace), span, error));
                }
            }
        }

        Await.until(() -> sum("otelcol.processor.tail.sampling.global.count.traces.sampled") >= TRACES
                        && sinks.stream().mapToInt(OtlpBackend::spanCount).sum() == sum("otelcol.processor.outgoing.items"),
                WAIT, () -> TRACES + " decisions and every kept span at the sinks");
        assertThat(sum("otelcol.processor.incoming.items")).as("every span reached a gateway").isEqualTo(TRACES * SPANS_PER_TRACE);
        assertThat(sum("otelcol.processor.tail.sampling.global.count.traces.sampled")).as("one decision per trace")
                .isEqualTo(TRACES);
        Map<ByteString, Set<Integer>> gatewaysOfTrace = new HashMap<>();
        Map<ByteString, Integer> spansOfTrace = new HashMap<>();
        for (int i = 0; i < sinks.size(); i++) {
            assertThat(sinks.get(i).spanCount()).as("gateway %d's share", i).isGreaterThan(TRACES * SPANS_PER_TRACE / 20);
            for (Span span : sinks.get(i).spans()) {
                gatewaysOfTrace.computeIfAbsent(span.getTraceId(), t -> new HashSet<>()).add(i);
                spansOfTrace.merge(span.getTraceId(), 1, Integer::sum);
            }
        }
        assertThat(gatewaysOfTrace).allSatisfy((traceId, gateways) -> assertThat(gateways).hasSize(1));
        assertThat(spansOfTrace.values()).as("no trace arrives in part").containsOnly(SPANS_PER_TRACE);
        for (int trace = 0; trace < TRACES; trace += ERROR_EVERY) {
            assertThat(spansOfTrace).as("error trace %d is kept", trace).containsKey(traceIds.get(trace));
        }
        long errorTraces = TRACES / ERROR_EVERY;
        assertThat(spansOfTrace.size() - errorTraces).as("about half of the other traces").isBetween(
                (TRACES - errorTraces) * 4 / 10, (TRACES - errorTraces) * 6 / 10);
    }

    private static boolean isError(int trace) {
        return trace % ERROR_EVERY == 0;
    }

    /** A counter's total over every gateway (their self-metrics count in process, unserved). */
    private double sum(String counter) {
        return gateways.stream().mapToDouble(gateway -> gateway.counter(counter)).sum();
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

    private static ExportTraceServiceRequest request(ByteString traceId, int span, boolean error) {
        return TestTraces.request(resource("checkout", span(traceId, span).toBuilder().setStartTimeUnixNano(1).setEndTimeUnixNano(2)
                .setStatus(Status.newBuilder().setCode(error ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET))
                .build()));
    }
}
