package io.tributary.compat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.jaegertracing.agent.thrift.Agent;
import io.jaegertracing.internal.exceptions.SenderException;
import io.jaegertracing.thrift.internal.senders.HttpSender;
import io.jaegertracing.thrift.internal.senders.UdpSender;
import io.jaegertracing.thriftjava.Batch;
import io.tributary.testkit.OtlpBackend;
import io.tributary.translator.jaeger.apiv2.Collector;
import io.tributary.translator.jaeger.apiv2.CollectorServiceGrpc;
import io.tributary.translator.jaeger.apiv2.Model;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * Jaeger in, OTLP out: the spans of {@link JaegerSpans} through each protocol of the
 * {@code jaeger} receiver (agent Thrift compact and binary over UDP, collector Thrift over HTTP,
 * api_v2 over gRPC), forwarded by the {@code otlp} exporter to the collector's own backend.
 * Compared: the OTLP each delivery carried, the HTTP status of every request and the gRPC code
 * of every call, including requests that should be refused.
 */
final class JaegerReceiverScenario implements TrafficScenario {
    private static final String THRIFT = "application/x-thrift";

    /** A raw request to the collector's HTTP port and how many spans it should deliver. */
    private record HttpCase(RawHttp.Request request, int spans) {
    }

    /** A PostSpans call and how many spans it should deliver. */
    private record GrpcCase(Model.Batch batch, int spans) {
    }

    @Override
    public String name() {
        return "jaeger-receiver";
    }

    @Override
    public String config() {
        return Configs.receiverToBackend("jaeger", """
                  jaeger:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:{{port:jaeger_grpc}}
                      thrift_http:
                        endpoint: 127.0.0.1:{{port:jaeger_http}}
                      thrift_binary:
                        endpoint: 127.0.0.1:{{udp:jaeger_binary}}
                      thrift_compact:
                        endpoint: 127.0.0.1:{{udp:jaeger_compact}}
                """);
    }

    @Override
    public JsonElement observe(RunningCollector collector) throws Exception {
        OtlpBackend backend = collector.grpcBackend();
        int spans = JaegerSpans.SPANS.size();
        Batch batch = JaegerSpans.thriftBatch(JaegerSpans.SPANS);
        JsonObject observed = new JsonObject();
        observed.add("thrift-compact-udp", Deliveries.of(backend, spans, () -> sendCompact(collector, batch)));
        observed.add("thrift-binary-udp", Deliveries.of(backend, spans, () -> sendBinaryDatagram(collector, batch)));
        observed.add("thrift-http", sendThriftHttp(collector, batch));
        JsonObject httpCases = new JsonObject();
        for (Map.Entry<String, HttpCase> c : httpCases().entrySet()) {
            JsonObject answer = new JsonObject();
            answer.add("delivered", Deliveries.of(backend, c.getValue().spans(),
                    () -> answer.addProperty("status", RawHttp.send(collector, "jaeger_http", c.getValue().request()).statusCode())));
            httpCases.add(c.getKey(), answer);
        }
        observed.add("thrift-http-cases", httpCases);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", collector.port("jaeger_grpc")).usePlaintext().build();
        try {
            JsonObject grpcCases = new JsonObject();
            for (Map.Entry<String, GrpcCase> c : grpcCases().entrySet()) {
                JsonObject answer = new JsonObject();
                answer.add("delivered", Deliveries.of(backend, c.getValue().spans(),
                        () -> answer.addProperty("code", postSpans(channel, c.getValue().batch()))));
                grpcCases.add(c.getKey(), answer);
            }
            observed.add("grpc", grpcCases);
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        return observed;
    }

    /** jaeger-client's agent sender: one {@code emitBatch} datagram in the compact protocol. */
    private static void sendCompact(RunningCollector collector, Batch batch) throws Exception {
        UdpSender sender = new UdpSender("127.0.0.1", collector.udpPort("jaeger_compact"), 0);
        try {
            sender.send(batch.getProcess(), batch.getSpans());
        } finally {
            sender.close();
        }
    }

    /** The binary-protocol agent port has no client in jaeger-client: the datagram Agent's generated client writes. */
    private static void sendBinaryDatagram(RunningCollector collector, Batch batch) throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(64 * 1024);
        new Agent.Client(new TBinaryProtocol(buffer)).emitBatch(batch);
        byte[] datagram = Arrays.copyOf(buffer.getArray(), buffer.length());
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), collector.udpPort("jaeger_binary")));
        }
    }

    /** jaeger-client's collector sender ({@code POST /api/traces}); its OkHttp client records each status. */
    private static JsonObject sendThriftHttp(RunningCollector collector, Batch batch) throws Exception {
        RecordedStatuses statuses = new RecordedStatuses();
        HttpSender sender = new HttpSender.Builder(collector.url("jaeger_http", "/api/traces").toString())
                .withClient(statuses.client()).build();
        JsonObject answer = new JsonObject();
        answer.add("delivered", Deliveries.of(collector.grpcBackend(), batch.getSpansSize(), () -> {
            try {
                sender.send(batch.getProcess(), batch.getSpans());
            } catch (SenderException refused) {
                // A refusal shows as its status, compared below.
            }
        }));
        answer.add("statuses", statuses.statuses());
        return answer;
    }

    private static Map<String, HttpCase> httpCases() throws TException {
        Map<String, HttpCase> cases = new LinkedHashMap<>();
        cases.put("vnd-apache-thrift-binary", new HttpCase(RawHttp.post("/api/traces", "application/vnd.apache.thrift.binary", single(101)), 1));
        cases.put("content-type-parameter", new HttpCase(RawHttp.post("/api/traces", THRIFT + "; charset=utf-8", single(102)), 1));
        cases.put("gzip", new HttpCase(new RawHttp.Request("POST", "/api/traces",
                Map.of("Content-Type", THRIFT, "Content-Encoding", "gzip"), RawHttp.gzip(single(103))), 1));
        cases.put("scope-and-trace-state-tags", new HttpCase(RawHttp.post("/api/traces", THRIFT,
                serialize(JaegerSpans.thriftBatch(List.of(JaegerSpans.SCOPED)))), 1));
        cases.put("batch-without-spans", new HttpCase(RawHttp.post("/api/traces", THRIFT, serialize(JaegerSpans.thriftBatch(List.of()))), 0));
        cases.put("text-plain", new HttpCase(RawHttp.post("/api/traces", "text/plain", single(104)), 0));
        cases.put("no-content-type", new HttpCase(new RawHttp.Request("POST", "/api/traces", Map.of(), single(105)), 0));
        // A struct field header that claims a string of 5 bytes, and ends.
        cases.put("malformed", new HttpCase(RawHttp.post("/api/traces", THRIFT, new byte[] {0x0b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05}), 0));
        cases.put("empty-body", new HttpCase(RawHttp.post("/api/traces", THRIFT, new byte[0]), 0));
        cases.put("get-method", new HttpCase(new RawHttp.Request("GET", "/api/traces", Map.of(), new byte[0]), 0));
        cases.put("wrong-path", new HttpCase(RawHttp.post("/api/trace", THRIFT, single(106)), 0));
        return cases;
    }

    private static byte[] single(long spanId) throws TException {
        return serialize(JaegerSpans.thriftBatch(List.of(JaegerSpans.single(spanId))));
    }

    /** The collector's HTTP body: a bare {@code Batch} in the binary protocol, as jaeger-client's HttpSender writes it. */
    private static byte[] serialize(Batch batch) throws TException {
        return new TSerializer(new TBinaryProtocol.Factory()).serialize(batch);
    }

    /**
     * The spans again, plus what only api_v2 carries: warnings, and a span with a process of its
     * own, and the scope and trace-state tags; then calls whose batch or IDs are unusual.
     */
    private static Map<String, GrpcCase> grpcCases() {
        Model.Process process = JaegerSpans.protoProcess(JaegerSpans.SERVICE, JaegerSpans.PROCESS_TAGS);
        List<Model.Span> spans = new ArrayList<>();
        for (JaegerSpans.SpanSpec spec : JaegerSpans.SPANS) {
            spans.add(JaegerSpans.proto(spec).build());
        }
        spans.set(0, spans.get(0).toBuilder().addWarnings("clock skew adjusted").addWarnings("").build());
        spans.add(JaegerSpans.proto(JaegerSpans.SCOPED).build());
        spans.add(JaegerSpans.proto(JaegerSpans.single(8))
                .setProcess(JaegerSpans.protoProcess("jaeger-lab-other", List.of(JaegerSpans.tag("zone", "b")))).setProcessId("p2").build());
        Map<String, GrpcCase> cases = new LinkedHashMap<>();
        cases.put("spans", new GrpcCase(Model.Batch.newBuilder().setProcess(process).addAllSpans(spans).build(), spans.size()));
        cases.put("batch-without-spans", new GrpcCase(Model.Batch.newBuilder().setProcess(process).build(), 0));
        cases.put("batch-without-process", new GrpcCase(Model.Batch.newBuilder()
                .addSpans(JaegerSpans.proto(JaegerSpans.single(201))).build(), 1));
        cases.put("eight-byte-trace-id", new GrpcCase(Model.Batch.newBuilder().setProcess(process)
                .addSpans(JaegerSpans.proto(JaegerSpans.single(202)).setTraceId(JaegerSpans.spanId(JaegerSpans.SHORT_TRACE_LOW))).build(), 1));
        cases.put("twelve-byte-trace-id", new GrpcCase(Model.Batch.newBuilder().setProcess(process)
                .addSpans(JaegerSpans.proto(JaegerSpans.single(203)).setTraceId(JaegerSpans.traceId(1, 2).substring(4))).build(), 0));
        cases.put("no-ids", new GrpcCase(Model.Batch.newBuilder().setProcess(process)
                .addSpans(JaegerSpans.proto(JaegerSpans.single(204)).clearTraceId().clearSpanId()).build(), 1));
        return cases;
    }

    private static String postSpans(ManagedChannel channel, Model.Batch batch) {
        try {
            CollectorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .postSpans(Collector.PostSpansRequest.newBuilder().setBatch(batch).build());
            return Status.Code.OK.name();
        } catch (RuntimeException e) {
            return Status.fromThrowable(e).getCode().name();
        }
    }
}
