package io.tributary.compat;

import static io.tributary.compat.RawSpans.resource;
import static io.tributary.compat.RawSpans.scope;

import com.google.gson.JsonElement;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The {@code probabilistic_sampler} processor: {@code hash_seed} mode with several seeds and
 * percentages (0, 0.5, 10, 33.3, 100), the OTEP 235 modes ({@code proportional},
 * {@code equalizing}), {@code fail_closed} and {@code sampling_precision}, all given the same
 * spans: pseudo-random trace ids (fixed seed) without a tracestate, with an {@code ot} threshold
 * or randomness or both, with other vendors' entries, malformed ones, a
 * {@code sampling.priority} of every type, and all-zero trace ids. Compared: which spans are
 * kept and their output tracestate (the whole span, in fact).
 */
final class ProbabilisticSamplerScenario implements TrafficScenario {
    private static final ProcessorCases CASES = new ProcessorCases("probabilistic_sampler", List.of(
            new ProcessorCases.Case("hash-seed-default-33", "sampling_percentage: 33.3"),
            hashSeed("hash-seed-22-33", 22, "33.3"),
            hashSeed("hash-seed-12345-33", 12345, "33.3"),
            hashSeed("hash-seed-max-33", 4294967295L, "33.3"),
            hashSeed("hash-seed-7-10", 7, "10"),
            hashSeed("hash-seed-1-0-5", 1, "0.5"),
            hashSeed("hash-seed-0-0", 0, "0"),
            hashSeed("hash-seed-0-100", 0, "100"),
            new ProcessorCases.Case("hash-seed-fail-open-50", """
                    mode: hash_seed
                    hash_seed: 3
                    sampling_percentage: 50
                    fail_closed: false
                    """),
            mode("proportional-33", "proportional", "33.3"),
            mode("proportional-10", "proportional", "10"),
            mode("proportional-0", "proportional", "0"),
            mode("proportional-100", "proportional", "100"),
            new ProcessorCases.Case("proportional-precision-2-fail-open-50", """
                    mode: proportional
                    sampling_percentage: 50
                    sampling_precision: 2
                    fail_closed: false
                    """),
            mode("equalizing-25", "equalizing", "25")));

    private static final List<ExportTraceServiceRequest> TRAFFIC = traffic();

    @Override
    public String name() {
        return "probabilistic-sampler";
    }

    @Override
    public String config() {
        return CASES.config();
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        return CASES.observe(collector, c -> TRAFFIC);
    }

    private static ProcessorCases.Case hashSeed(String name, long seed, String percentage) {
        return new ProcessorCases.Case(name, "mode: hash_seed\nhash_seed: " + seed + "\nsampling_percentage: " + percentage + "\n");
    }

    private static ProcessorCases.Case mode(String name, String mode, String percentage) {
        return new ProcessorCases.Case(name, "mode: " + mode + "\nsampling_percentage: " + percentage + "\n");
    }

    /** One request per kind of input, so that a request one collector refused as a whole shows as that. */
    private static List<ExportTraceServiceRequest> traffic() {
        Traffic traffic = new Traffic(new Random(235));
        List<Span> plain = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            plain.add(traffic.span(traffic.randomTraceId(), ""));
        }
        // Three spans of each trace: every span of a trace must get the same decision.
        for (int i = 0; i < 10; i++) {
            ByteString traceId = traffic.randomTraceId();
            for (int s = 0; s < 3; s++) {
                plain.add(traffic.span(traceId, ""));
            }
        }
        List<Span> tracestates = new ArrayList<>();
        for (String state : List.of("ot=th:8", "ot=th:c", "ot=th:0", "ot=th:fd70a4", "ot=th:8;x:y", "ot=p:8")) {
            for (int i = 0; i < 12; i++) {
                tracestates.add(traffic.span(traffic.randomTraceId(), state));
            }
        }
        for (int i = 0; i < 24; i++) {
            tracestates.add(traffic.span(traffic.randomTraceId(), "ot=rv:" + traffic.randomHex(14)));
        }
        for (String threshold : List.of("4", "8", "c", "e668")) {
            for (int i = 0; i < 10; i++) {
                tracestates.add(traffic.span(traffic.randomTraceId(), "ot=rv:" + traffic.randomHex(14) + ";th:" + threshold));
            }
        }
        for (String state : List.of("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE,ot=th:8",
                "rojo=00f067aa0ba902b7,ot=rv:" + "a1b2c3d4e5f607" + ",congo=t61rcWkgMzE")) {
            for (int i = 0; i < 10; i++) {
                tracestates.add(traffic.span(traffic.randomTraceId(), state));
            }
        }
        List<Span> malformed = new ArrayList<>();
        for (String state : List.of("ot=th:zz", "ot=th:", "ot=th:123456789abcdef", "ot=rv:123", "ot=rv:gggggggggggggg",
                "ot=rv:0123456789abcdef", "ot=th:8;th:9", "ot=th:8,ot=th:c", "=bad", "a=b,,c=d", "ot=", "ot=th:8 ; rv:12",
                "OT=th:8", " ot=th:8 ")) {
            for (int i = 0; i < 3; i++) {
                malformed.add(traffic.span(traffic.randomTraceId(), state));
            }
        }
        List<Span> priorities = new ArrayList<>();
        for (Object priority : List.<Object>of(0L, 1L, 7L, -1L, 0.0, 2.5, -0.5, "0", "1", "3.5", "-2", "abc", "", true, false)) {
            for (int i = 0; i < 3; i++) {
                priorities.add(traffic.span(traffic.randomTraceId(), i == 2 ? "ot=th:c" : "").toBuilder()
                        .addAllAttributes(RawSpans.attributes("sampling.priority", priority)).build());
            }
        }
        ByteString zero = ByteString.copyFrom(new byte[16]);
        List<Span> zeroIds = List.of(traffic.span(zero, ""), traffic.span(zero, "ot=rv:ffffffffffffff"),
                traffic.span(zero, "ot=th:0"), traffic.span(zero, "").toBuilder()
                        .addAllAttributes(RawSpans.attributes("sampling.priority", 1L)).build());
        return List.of(
                request("plain", plain),
                request("tracestates", tracestates),
                request("malformed", malformed),
                request("priorities", priorities),
                request("zero-trace-ids", zeroIds));
    }

    private static ExportTraceServiceRequest request(String service, List<Span> spans) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource(List.of("service.name", service), scope("sampler-lab", "1.0", spans.toArray(Span[]::new))))
                .build();
    }

    /** Pseudo-random ids from one seeded generator, and numbered span ids. */
    private static final class Traffic {
        private final Random random;
        private long spans;

        Traffic(Random random) {
            this.random = random;
        }

        ByteString randomTraceId() {
            byte[] id = new byte[16];
            random.nextBytes(id);
            return ByteString.copyFrom(id);
        }

        String randomHex(int digits) {
            byte[] bytes = new byte[(digits + 1) / 2];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes).substring(0, digits);
        }

        Span span(ByteString traceId, String traceState) {
            spans++;
            return RawSpans.span(0, spans, "span-" + spans, SpanKind.SPAN_KIND_INTERNAL).toBuilder()
                    .setTraceId(traceId).setTraceState(traceState).build();
        }
    }
}
