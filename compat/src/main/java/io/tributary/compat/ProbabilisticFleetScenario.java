package io.tributary.compat;

import com.google.gson.JsonObject;
import io.opentelemetry.api.trace.SpanContext;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * Head sampling spread over agents: each trace has a {@code frontend} span, sent to agent A, and
 * a child {@code backend} span, sent to agent B. Both agents run {@code probabilistic_sampler}
 * ({@code hash_seed} mode, the same seed, 25 %) and export to one recording backend, so a trace
 * arrives whole only when both agents decide alike. Runs the all-otelcol fleet (the reference),
 * then otelcol as A with Tributary as B, and compares every span that arrived, with the
 * tracestate the sampler writes. In the differences "otelcol" is the all-otelcol fleet.
 */
final class ProbabilisticFleetScenario implements Scenario {
    private static final int TRACES = 4000;
    private static final long TRACE_SEED = 0x5EED_F1EE_7000_0003L;

    @Override
    public String name() {
        return "fleet-probabilistic";
    }

    @Override
    public Outcome run(Lab lab) throws Exception {
        List<String> notes = new ArrayList<>();
        JsonObject reference = runFleet(lab, "otelcol-fleet", Implementation.OTELCOL, notes);
        int kept = reference.has("spans") ? reference.getAsJsonObject("spans").size() : 0;
        if (kept == 0 || kept == 2 * TRACES) {
            throw new IllegalStateException("the all-otelcol fleet kept " + kept + " of " + 2 * TRACES
                    + " spans: the sampler did not sample");
        }
        JsonObject mixed = runFleet(lab, "otelcol-and-tributary-agents", Implementation.TRIBUTARY, notes);
        return new Outcome(TreeDiff.diff(reference, mixed), notes);
    }

    /** Agent A is always otelcol; agent B is {@code agentB}. */
    private JsonObject runFleet(Lab lab, String fleet, Implementation agentB, List<String> notes) throws Exception {
        lab.directory(name(), fleet);
        try (OtlpBackend backend = OtlpBackend.start();
                RunningCollector a = lab.start(Implementation.OTELCOL, name(), fleet + "/agent-a-otelcol", agentConfig(backend));
                RunningCollector b = lab.start(agentB, name(), fleet + "/agent-b-" + agentB.label(), agentConfig(backend));
                SdkSender frontend = new SdkSender(a.port("otlp_grpc"), "frontend");
                SdkSender backendService = new SdkSender(b.port("otlp_grpc"), "backend")) {
            SplitMix64 traceIds = new SplitMix64(TRACE_SEED);
            for (int i = 0; i < TRACES; i++) {
                SpanContext root = frontend.root(traceIds.nextTraceId(), "GET /page/" + i);
                backendService.child(root, "query " + i);
            }
            // The agents export without a queue: once both have answered, all they kept has arrived.
            if (!frontend.flush() || !backendService.flush()) {
                throw new IllegalStateException(fleet + ": an agent did not take every span");
            }
            notes.add(fleet + ": " + backend.spanCount() + " of " + 2 * TRACES + " spans kept");
            return LandedSpans.of(List.of(backend), resource -> "spans");
        }
    }

    private static String agentConfig(OtlpBackend backend) {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                processors:
                  probabilistic_sampler:
                    hash_seed: 22
                    sampling_percentage: 25
                exporters:
                  otlp:
                    endpoint: %s
                    tls:
                      insecure: true
                    sending_queue:
                      enabled: false
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [probabilistic_sampler]
                      exporters: [otlp]
                """.formatted(backend.endpoint()) + Configs.TELEMETRY;
    }
}
