package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.protobuf.ProtoUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.data.wire.Schema;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An OTLP signal a pipeline carries, as a key typed by its data: what otelcol's
 * {@code pipeline.Signal} is, with the data class attached so that code written once for all
 * signals stays typed ({@code Signal<D>} goes with {@code SignalConsumer<D>}), and what the
 * signal's OTLP transports call and answer.
 *
 * @param <D> {@link Traces}, {@link Metrics} or {@link Logs}
 */
public final class Signal<D extends SignalData<D, ?>> {
    public static final Signal<Traces> TRACES = new Signal<>("traces", "span", "{span}", Schema.TRACES, Traces::parse, Traces::concat,
            TraceServiceMethod.SERVICE, ExportTraceServiceResponse.getDefaultInstance());
    public static final Signal<Metrics> METRICS = new Signal<>("metrics", "metric point", "{datapoint}", Schema.METRICS, Metrics::parse, Metrics::concat,
            "opentelemetry.proto.collector.metrics.v1.MetricsService", ExportMetricsServiceResponse.getDefaultInstance());
    public static final Signal<Logs> LOGS = new Signal<>("logs", "log record", "{record}", Schema.LOGS, Logs::parse, Logs::concat,
            "opentelemetry.proto.collector.logs.v1.LogsService", ExportLogsServiceResponse.getDefaultInstance());
    private static final List<Signal<?>> ALL = List.of(TRACES, METRICS, LOGS);

    /** {@link Traces#parse} and its twins. */
    @FunctionalInterface
    private interface Parser<D> {
        D parse(ByteString request) throws InvalidOtlpException;
    }

    private final String id;
    private final String itemName;
    private final String itemUnit;
    private final Schema schema;
    private final Parser<D> parser;
    private final Function<List<D>, D> concat;
    private final String grpcService;
    private final Message emptyResponse;

    private Signal(String id, String itemName, String itemUnit, Schema schema, Parser<D> parser, Function<List<D>, D> concat, String grpcService,
            Message emptyResponse) {
        this.id = id;
        this.itemName = itemName;
        this.itemUnit = itemUnit;
        this.schema = schema;
        this.parser = parser;
        this.concat = concat;
        this.grpcService = grpcService;
        this.emptyResponse = emptyResponse;
    }

    /**
     * How otelcol's per-signal metric names end: {@code spans}, {@code metric_points},
     * {@code log_records} (as in {@code otelcol_processor_memory_limiter_accepted_spans}).
     */
    public String itemMetricName() {
        return itemName.replace(' ', '_') + "s";
    }

    /** The unit of a count of items in otelcol's metrics: {@code {span}}, {@code {datapoint}}, {@code {record}}. */
    public String itemUnit() {
        return itemUnit;
    }

    /** Every signal, traces first. */
    public static List<Signal<?>> all() {
        return ALL;
    }

    /** The signal a pipeline ID starts with ({@code metrics} of {@code metrics/host}), if it is one. */
    public static Optional<Signal<?>> byId(String id) {
        return ALL.stream().filter(signal -> signal.id.equals(id)).findFirst();
    }

    /** As config and otelcol's messages write it: {@code traces}, {@code metrics}, {@code logs}. */
    public String id() {
        return id;
    }

    /** One item in words, for logs: {@code span}, {@code metric point}, {@code log record}. */
    public String itemName() {
        return itemName;
    }

    /** The field numbers of the signal's envelope, for code that walks its encoded requests. */
    public Schema schema() {
        return schema;
    }

    /** Validates an encoded export request of this signal, as {@link Traces#parse} does. */
    public D parse(ByteString request) throws InvalidOtlpException {
        return parser.parse(request);
    }

    /** Merges batches of this signal in order, as {@link Traces#concat} does: what batching code written once for every signal calls. */
    public D concat(List<D> parts) {
        return concat.apply(parts);
    }

    /** The full name of the signal's OTLP/gRPC service, e.g. {@code opentelemetry.proto.collector.metrics.v1.MetricsService}. */
    public String grpcService() {
        return grpcService;
    }

    /** The export response that reports full success. */
    public Message emptyResponse() {
        return emptyResponse;
    }

    /**
     * The signal's OTLP/gRPC {@code Export} method with {@code requests} as its request marshaller
     * (opentelemetry-proto ships no gRPC stubs): callers build it once and keep it.
     */
    public <Q> MethodDescriptor<Q, Message> exportMethod(Marshaller<Q> requests) {
        return TraceServiceMethod.export(grpcService, requests, ProtoUtils.marshaller(emptyResponse));
    }

    @Override
    public String toString() {
        return id;
    }
}
