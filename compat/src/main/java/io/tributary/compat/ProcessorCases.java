package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.testkit.OtlpBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Many configurations of one processor type in one collector, so that one start of each
 * collector compares them all. Each case is its own pipeline: an OTLP/gRPC receiver on its own
 * port, the processor, and an {@code otlp} exporter that names the case in a header of every
 * export (how the backend's requests are told apart) and has no sending queue, so the export
 * happens within the receiver's call: once a synchronous processor's Export call has returned,
 * whatever it let through is at the backend.
 */
final class ProcessorCases {
    static final String CASE_HEADER = "lab-case";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    /** One configuration: a name (lower case, digits, '-'; it becomes ids and a port name) and the processor's YAML body. */
    record Case(String name, String processor) {
        Case {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("case name must match " + NAME + ": " + name);
            }
        }
    }

    private final String type;
    private final List<Case> cases;

    ProcessorCases(String type, List<Case> cases) {
        this.type = type;
        this.cases = List.copyOf(cases);
    }

    List<Case> cases() {
        return cases;
    }

    /** Every line of a YAML fragment indented by {@code spaces}, for nesting it under a key. */
    static String indent(String yaml, int spaces) {
        String prefix = " ".repeat(spaces);
        return yaml.lines().map(line -> prefix + line + "\n").reduce("", String::concat);
    }

    /** The collector config: one pipeline per case, plus a health check for readiness. */
    String config() {
        StringBuilder receivers = new StringBuilder("receivers:\n");
        StringBuilder processors = new StringBuilder("processors:\n");
        StringBuilder exporters = new StringBuilder("exporters:\n");
        StringBuilder pipelines = new StringBuilder();
        for (Case c : cases) {
            receivers.append("""
                      otlp/%1$s:
                        protocols:
                          grpc:
                            endpoint: 127.0.0.1:{{port:%1$s}}
                    """.formatted(c.name()));
            processors.append("  ").append(type).append('/').append(c.name()).append(":\n").append(indent(c.processor(), 4));
            exporters.append("""
                      otlp/%1$s:
                        endpoint: {{backend:grpc}}
                        tls:
                          insecure: true
                        sending_queue:
                          enabled: false
                        headers:
                          %2$s: %1$s
                    """.formatted(c.name(), CASE_HEADER));
            pipelines.append("""
                        traces/%1$s:
                          receivers: [otlp/%1$s]
                          processors: [%2$s/%1$s]
                          exporters: [otlp/%1$s]
                    """.formatted(c.name(), type));
        }
        return receivers + processors.toString() + exporters + """
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                """ + pipelines + Configs.TELEMETRY;
    }

    /**
     * Sends each case its requests, one Export call after the other, and returns each case's
     * answers (the gRPC status codes, in order).
     */
    Map<String, JsonArray> send(RunningCollector collector, Function<Case, List<ExportTraceServiceRequest>> traffic)
            throws InterruptedException {
        Map<String, JsonArray> answers = new LinkedHashMap<>();
        for (Case c : cases) {
            JsonArray codes = new JsonArray();
            try (OtlpGrpcClient client = OtlpGrpcClient.connect(collector.port(c.name()))) {
                for (ExportTraceServiceRequest request : traffic.apply(c)) {
                    codes.add(client.export(request).name());
                }
            }
            answers.put(c.name(), codes);
        }
        return answers;
    }

    /** The requests the backend received from {@code c}'s pipeline so far, in arrival order. */
    static List<ExportTraceServiceRequest> delivered(OtlpBackend backend, Case c) {
        return backend.requests().stream().filter(r -> c.name().equals(r.header(CASE_HEADER)))
                .map(OtlpBackend.Received::request).toList();
    }

    /**
     * What to compare, per case: its answers, the spans delivered ({@link CanonicalJson#spansById})
     * and how many resources or scopes were delivered without spans.
     */
    JsonObject observed(OtlpBackend backend, Map<String, JsonArray> answers) {
        JsonObject observed = new JsonObject();
        for (Case c : cases) {
            List<ExportTraceServiceRequest> requests = delivered(backend, c);
            JsonObject result = new JsonObject();
            result.add("answers", answers.getOrDefault(c.name(), new JsonArray()));
            result.add("spans", CanonicalJson.spansById(requests));
            result.addProperty("emptyGroups", emptyGroups(requests));
            observed.add(c.name(), result);
        }
        return observed;
    }

    /** Sends each case its traffic and returns what it delivered: for processors that pass data on within the call. */
    JsonObject observe(RunningCollector collector, Function<Case, List<ExportTraceServiceRequest>> traffic)
            throws InterruptedException {
        return observed(collector.grpcBackend(), send(collector, traffic));
    }

    /** Resources without scopes and scopes without spans: a processor should not pass such husks on. */
    private static int emptyGroups(List<ExportTraceServiceRequest> requests) {
        int empty = 0;
        for (ExportTraceServiceRequest request : requests) {
            for (ResourceSpans rs : request.getResourceSpansList()) {
                if (rs.getScopeSpansCount() == 0) {
                    empty++;
                }
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    if (ss.getSpansCount() == 0) {
                        empty++;
                    }
                }
            }
        }
        return empty;
    }
}
