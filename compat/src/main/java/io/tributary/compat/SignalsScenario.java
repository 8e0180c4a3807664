package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.OtlpHttpBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics and logs in, through {@code batch}, out by {@code otlp} and {@code otlphttp} to the
 * collector's own backends: the OpenTelemetry Java SDK's metric and log exporters over gRPC and
 * HTTP, OTLP/JSON and protobuf edge cases posted raw to {@code /v1/metrics} and {@code /v1/logs},
 * then bad input to both paths and both gRPC services. Compared: what each case delivered
 * (canonical OTLP), each answer (HTTP status, content type and body, or gRPC code), and all that
 * reached the {@code otlphttp} backend.
 */
final class SignalsScenario implements TrafficScenario {
    private static final String METRICS_SERVICE = "opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
    private static final String LOGS_SERVICE = "opentelemetry.proto.collector.logs.v1.LogsService/Export";

    /** One raw request to an OTLP/HTTP path and how many data points or log records it should deliver. */
    private record Case(String name, RawHttp.Request request, int items) {
        static Case json(String name, String path, String body, int items) {
            return new Case(name, RawHttp.post(path, "application/json", RawHttp.utf8(body)), items);
        }

        static Case protobuf(String name, String path, byte[] body, int items) {
            return new Case(name, RawHttp.post(path, "application/x-protobuf", body), items);
        }
    }

    private static final List<Case> METRICS_CASES = List.of(
            Case.json("json-empty-request", "/v1/metrics", "{}", 0),
            Case.json("json-empty-resource-metrics", "/v1/metrics", "{\"resourceMetrics\":[]}", 0),
            Case.json("json-empty-resource", "/v1/metrics", "{\"resourceMetrics\":[{\"resource\":{},\"scopeMetrics\":[]}]}", 0),
            Case.json("json-unknown-fields", "/v1/metrics", """
                    {"x":1,"resourceMetrics":[{"y":{"z":[1]},"resource":{"attributes":[],"w":"?"},"scopeMetrics":[{"scope":{"name":"s","v":true},
                    "metrics":[{"name":"unknown","future":{"a":null},"gauge":{"dataPoints":[{"asDouble":1,"later":2}]}}]}]}]}""", 1),
            Case.json("json-summary", "/v1/metrics", metrics("""
                    {"name":"rpc.duration","unit":"s","summary":{"dataPoints":[{"startTimeUnixNano":"1","timeUnixNano":"2","count":"3","sum":6,
                    "quantileValues":[{"quantile":0,"value":1},{"quantile":0.5,"value":2},{"quantile":1,"value":3}],
                    "attributes":[{"key":"k","value":{"stringValue":"v"}}]}]}}"""), 1),
            Case.json("json-point-without-value", "/v1/metrics", metrics("""
                    {"name":"valueless","gauge":{"dataPoints":[{"timeUnixNano":"2"}]}}"""), 1),
            Case.json("json-nan-and-infinities", "/v1/metrics", metrics("""
                    {"name":"odd","gauge":{"dataPoints":[{"asDouble":"NaN","attributes":[{"key":"v","value":{"stringValue":"nan"}}]},
                    {"asDouble":"Infinity","attributes":[{"key":"v","value":{"stringValue":"inf"}}]},
                    {"asDouble":"-Infinity","attributes":[{"key":"v","value":{"stringValue":"-inf"}}]}]}}"""), 3),
            Case.json("json-no-recorded-value-flag", "/v1/metrics", metrics("""
                    {"name":"stale","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[{"timeUnixNano":"2","flags":1}]}}"""), 1),
            Case.json("json-big-ints-as-strings", "/v1/metrics", metrics("""
                    {"name":"big","sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_DELTA","isMonotonic":true,
                    "dataPoints":[{"startTimeUnixNano":"1700000000123456789","timeUnixNano":"1700000000223456789","asInt":"-9223372036854775808"}]}},
                    {"name":"big.histogram","histogram":{"aggregationTemporality":1,"dataPoints":[{"count":"18446744073709551615",
                    "sum":1e300,"min":-1,"max":1e300,"bucketCounts":["1","18446744073709551614"],"explicitBounds":[0]}]}}"""), 2),
            Case.json("json-big-ints-as-numbers", "/v1/metrics", metrics("""
                    {"name":"numbers","gauge":{"dataPoints":[{"timeUnixNano":1700000000223456789,"asInt":9007199254740993}]}}"""), 1),
            Case.json("json-exponential-histogram", "/v1/metrics", metrics("""
                    {"name":"exp","exponentialHistogram":{"aggregationTemporality":2,"dataPoints":[{"count":"6","sum":-3.5,"scale":-2,
                    "zeroCount":"1","zeroThreshold":0.001,"positive":{"offset":-3,"bucketCounts":["1","0","2"]},
                    "negative":{"offset":1,"bucketCounts":["2"]}}]}}"""), 1),
            Case.json("json-exemplars", "/v1/metrics", metrics("""
                    {"name":"with.exemplars","gauge":{"dataPoints":[{"asInt":"5","exemplars":[{"timeUnixNano":"3","asDouble":1.5,
                    "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                    "filteredAttributes":[{"key":"user","value":{"stringValue":"ada"}}]},{"asInt":"2"}]}]}}"""), 1),
            Case.json("json-metric-without-data", "/v1/metrics", metrics("{\"name\":\"nodata\",\"description\":\"no type\"}"), 0),
            Case.json("json-metadata-and-proto-names", "/v1/metrics", """
                    {"resource_metrics":[{"resource":{"attributes":[{"key":"service.name","value":{"string_value":"snake"}}]},
                    "scope_metrics":[{"scope":{"name":"snake"},"metrics":[{"name":"snake","metadata":[{"key":"m","value":{"stringValue":"x"}}],
                    "gauge":{"data_points":[{"as_int":"1","time_unix_nano":"2"}]}}]}]}]}""", 1),
            Case.protobuf("protobuf-empty-request", "/v1/metrics", new byte[0], 0),
            Case.protobuf("protobuf-summary-valueless-nan", "/v1/metrics", protobufMetrics(), 3));

    private static final List<Case> LOGS_CASES = List.of(
            Case.json("json-empty-request", "/v1/logs", "{}", 0),
            Case.json("json-empty-resource", "/v1/logs", "{\"resourceLogs\":[{\"resource\":{},\"scopeLogs\":[]}]}", 0),
            Case.json("json-unknown-fields", "/v1/logs", """
                    {"x":1,"resourceLogs":[{"y":2,"resource":{},"scopeLogs":[{"scope":{"name":"s"},"logRecords":[{"body":{"stringValue":"u"},"z":[]}]}]}]}""",
                    1),
            Case.json("json-no-body", "/v1/logs", logs("{\"timeUnixNano\":\"1\",\"severityNumber\":9}"), 1),
            Case.json("json-every-body-type", "/v1/logs", logs("""
                    {"timeUnixNano":"1","body":{"stringValue":"text"}},{"timeUnixNano":"2","body":{"intValue":"-9223372036854775808"}},
                    {"timeUnixNano":"3","body":{"doubleValue":"NaN"}},{"timeUnixNano":"4","body":{"boolValue":false}},
                    {"timeUnixNano":"5","body":{"bytesValue":"AQID"}},{"timeUnixNano":"6","body":{"arrayValue":{"values":[{"intValue":1},{}]}}},
                    {"timeUnixNano":"7","body":{"kvlistValue":{"values":[{"key":"k","value":{"stringValue":"v"}}]}}},
                    {"timeUnixNano":"8","body":{}}"""), 8),
            Case.json("json-severity-names-and-context", "/v1/logs", logs("""
                    {"timeUnixNano":1700000000123456789,"observedTimeUnixNano":"1700000000123456790","severityNumber":"SEVERITY_NUMBER_ERROR",
                    "severityText":"oops","traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","flags":1,
                    "droppedAttributesCount":2,"eventName":"app.crash","attributes":[{"key":"a","value":{"intValue":"1"}}]}"""), 1),
            Case.json("json-trace-id-wrong-length", "/v1/logs", logs("{\"traceId\":\"5b8e\",\"body\":{\"stringValue\":\"short\"}}"), 0),
            Case.json("json-unknown-severity-number", "/v1/logs", logs("{\"severityNumber\":99,\"body\":{\"stringValue\":\"99\"}}"), 1),
            Case.protobuf("protobuf-empty-request", "/v1/logs", new byte[0], 0),
            Case.protobuf("protobuf-no-body-and-empty-resource", "/v1/logs", protobufLogs(), 1));

    @Override
    public String name() {
        return "signals";
    }

    @Override
    public String config() {
        return """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:otlp_grpc}}
                      http:
                        endpoint: 127.0.0.1:{{port:otlp_http}}
                processors:
                  batch:
                exporters:
                  otlp:
                    endpoint: {{backend:grpc}}
                    tls:
                      insecure: true
                  otlphttp:
                    endpoint: {{backend:http}}
                extensions:
                  health_check:
                    endpoint: 127.0.0.1:{{port:health}}
                service:
                  extensions: [health_check]
                  pipelines:
                    metrics:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [otlp, otlphttp]
                    logs:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [otlp, otlphttp]
                """ + Configs.TELEMETRY;
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        OtlpBackend backend = collector.grpcBackend();
        String grpc = "http://127.0.0.1:" + collector.port("otlp_grpc");
        String http = "http://127.0.0.1:" + collector.port("otlp_http");
        JsonObject observed = new JsonObject();
        observed.add("sdk-metrics-grpc-cumulative", Deliveries.metrics(backend, SdkSignalTraffic.DATA_POINTS, () ->
                SdkSignalTraffic.sendMetrics(OtlpGrpcMetricExporter.builder().setEndpoint(grpc).setMeterProvider(MeterProvider::noop).build())));
        observed.add("sdk-metrics-http-delta", Deliveries.metrics(backend, SdkSignalTraffic.DATA_POINTS, () ->
                SdkSignalTraffic.sendMetrics(OtlpHttpMetricExporter.builder().setEndpoint(http + "/v1/metrics")
                        .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
                        .setMeterProvider(MeterProvider::noop).build())));
        observed.add("sdk-logs-grpc", Deliveries.logs(backend, SdkSignalTraffic.LOG_RECORDS, () ->
                SdkSignalTraffic.sendLogs(OtlpGrpcLogRecordExporter.builder().setEndpoint(grpc).setMeterProvider(MeterProvider::noop).build())));
        observed.add("sdk-logs-http", Deliveries.logs(backend, SdkSignalTraffic.LOG_RECORDS, () ->
                SdkSignalTraffic.sendLogs(OtlpHttpLogRecordExporter.builder().setEndpoint(http + "/v1/logs")
                        .setMeterProvider(MeterProvider::noop).build())));
        JsonObject metrics = new JsonObject();
        for (Case c : METRICS_CASES) {
            JsonObject answer = new JsonObject();
            answer.add("delivered", Deliveries.metrics(backend, c.items(), () -> answer.add("response", send(collector, c.request()))));
            metrics.add(c.name(), answer);
        }
        observed.add("metrics-cases", metrics);
        JsonObject logs = new JsonObject();
        for (Case c : LOGS_CASES) {
            JsonObject answer = new JsonObject();
            answer.add("delivered", Deliveries.logs(backend, c.items(), () -> answer.add("response", send(collector, c.request()))));
            logs.add(c.name(), answer);
        }
        observed.add("logs-cases", logs);
        observed.add("bad-input", badInput(collector));
        observed.add("otlphttp-delivered", otlphttpDelivered(backend, collector.httpBackend()));
        withoutSdkExemplarTimes(observed);
        return observed;
    }

    /**
     * Replaces the times of the SDK's exemplars (those of resources of service {@link SdkTraffic#SERVICE})
     * with a marker: the SDK stamps exemplars from the wall clock, not the provider's fixed one.
     */
    private static void withoutSdkExemplarTimes(JsonElement tree) {
        if (tree.isJsonArray()) {
            tree.getAsJsonArray().forEach(SignalsScenario::withoutSdkExemplarTimes);
        } else if (tree.isJsonObject()) {
            JsonObject object = tree.getAsJsonObject();
            if (object.has("resourceMetrics")) {
                for (JsonElement resourceMetrics : object.getAsJsonArray("resourceMetrics")) {
                    if (fromSdk(resourceMetrics.getAsJsonObject())) {
                        stampExemplars(resourceMetrics);
                    }
                }
            } else {
                object.entrySet().forEach(member -> withoutSdkExemplarTimes(member.getValue()));
            }
        }
    }

    /** Whether the resource is the SDK's: its canonical attributes name service {@link SdkTraffic#SERVICE}. */
    private static boolean fromSdk(JsonObject resourceMetrics) {
        JsonObject service = new JsonObject();
        service.addProperty("stringValue", SdkTraffic.SERVICE);
        JsonObject resource = resourceMetrics.getAsJsonObject("resource");
        JsonObject attributes = resource == null ? null : resource.getAsJsonObject("attributes");
        return attributes != null && service.equals(attributes.get("[service.name]"));
    }

    private static void stampExemplars(JsonElement tree) {
        if (tree.isJsonArray()) {
            tree.getAsJsonArray().forEach(SignalsScenario::stampExemplars);
        } else if (tree.isJsonObject()) {
            JsonObject object = tree.getAsJsonObject();
            if (object.has("exemplars")) {
                for (JsonElement exemplar : object.getAsJsonArray("exemplars")) {
                    exemplar.getAsJsonObject().addProperty("timeUnixNano", "(wall clock)");
                }
            }
            object.entrySet().forEach(member -> stampExemplars(member.getValue()));
        }
    }

    private static JsonObject send(RunningCollector collector, RawHttp.Request request) throws Exception {
        return Answers.http(RawHttp.send(collector, "otlp_http", request));
    }

    /** Answers only: what a refused request would deliver shows in {@code otlphttp-delivered}, which holds everything. */
    private static JsonObject badInput(RunningCollector collector) throws Exception {
        Map<String, RawHttp.Request> http = new LinkedHashMap<>();
        Map<String, byte[]> oversized = Map.of("/v1/metrics", oversizedMetrics(21 * BadInputScenario.MIB),
                "/v1/logs", oversizedLogs(21 * BadInputScenario.MIB));
        for (String path : List.of("/v1/metrics", "/v1/logs")) {
            http.put(path + " malformed-protobuf", RawHttp.post(path, "application/x-protobuf", BadInputScenario.TRUNCATED));
            http.put(path + " malformed-json", RawHttp.post(path, "application/json", RawHttp.utf8("{\"resourceMetrics\":[")));
            http.put(path + " json-wrong-types", RawHttp.post(path, "application/json",
                    RawHttp.utf8("{\"resourceMetrics\":{\"a\":1},\"resourceLogs\":7}")));
            http.put(path + " wrong-content-type", RawHttp.post(path, "text/plain", RawHttp.utf8("hello")));
            http.put(path + " oversized", RawHttp.post(path, "application/x-protobuf", oversized.get(path)));
        }
        JsonObject answers = new JsonObject();
        for (Map.Entry<String, RawHttp.Request> c : http.entrySet()) {
            answers.add("http " + c.getKey(), send(collector, c.getValue()));
        }
        try (RawGrpc client = RawGrpc.connect(collector.port("otlp_grpc"))) {
            for (String service : List.of(METRICS_SERVICE, LOGS_SERVICE)) {
                answers.add("grpc " + service + " empty-request", client.call(service, new byte[0]));
                answers.add("grpc " + service + " malformed-protobuf", client.call(service, BadInputScenario.TRUNCATED));
            }
            answers.add("grpc " + METRICS_SERVICE + " oversized", client.call(METRICS_SERVICE, oversizedMetrics(5 * BadInputScenario.MIB)));
            answers.add("grpc " + LOGS_SERVICE + " oversized", client.call(LOGS_SERVICE, oversizedLogs(5 * BadInputScenario.MIB)));
        }
        return answers;
    }

    /** Everything the {@code otlphttp} exporter delivered, once it caught up with the {@code otlp} one. */
    private static JsonObject otlphttpDelivered(OtlpBackend grpc, OtlpHttpBackend http) {
        try {
            Await.until(() -> http.dataPointCount() >= grpc.dataPointCount() && http.logRecordCount() >= grpc.logRecordCount(),
                    Deliveries.TIMEOUT, () -> "otlphttp behind otlp");
        } catch (AssertionError behind) {
            // Compared by the caller: what is missing shows up as the difference.
        }
        JsonObject delivered = new JsonObject();
        delivered.add("metrics", CanonicalJson.metrics(http.metricsRequests().stream().map(OtlpHttpBackend.ReceivedRequest::request).toList()));
        delivered.add("logs", CanonicalJson.logs(http.logsRequests().stream().map(OtlpHttpBackend.ReceivedRequest::request).toList()));
        return delivered;
    }

    /** A request holding the metrics {@code metrics} (JSON objects, comma-separated). */
    private static String metrics(String metrics) {
        return """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-edge"}}]},\
                "scopeMetrics":[{"scope":{"name":"edge"},"metrics":[%s]}]}]}""".formatted(metrics.strip());
    }

    /** A request holding the log records {@code records} (JSON objects, comma-separated). */
    private static String logs(String records) {
        return """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-edge"}}]},\
                "scopeLogs":[{"scope":{"name":"edge"},"logRecords":[%s]}]}]}""".formatted(records.strip());
    }

    private static byte[] protobufMetrics() {
        Metric summary = Metric.newBuilder().setName("summary").setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder()
                .setCount(2).setSum(3).addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(2)))).build();
        Metric valueless = Metric.newBuilder().setName("valueless").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(2))).build();
        Metric nan = Metric.newBuilder().setName("nan").setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setAsDouble(Double.NaN)))
                .build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(summary).addMetrics(valueless).addMetrics(nan))).build().toByteArray();
    }

    private static byte[] protobufLogs() {
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.getDefaultInstance()))
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1).setSeverityText("bodiless"))))
                .build().toByteArray();
    }

    /** A valid request of about {@code bytes} bytes: one gauge point with one big string attribute. */
    private static byte[] oversizedMetrics(int bytes) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(Metric.newBuilder().setName("big").setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
                        .setAsInt(1).addAttributes(KeyValue.newBuilder().setKey("big")
                                .setValue(AnyValue.newBuilder().setStringValue("x".repeat(bytes))))))))).build().toByteArray();
    }

    /** A valid request of about {@code bytes} bytes: one log record with a big string body. */
    private static byte[] oversizedLogs(int bytes) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("x".repeat(bytes)))))).build().toByteArray();
    }
}
