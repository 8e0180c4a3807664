package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansRequest;
import io.tributary.translator.jaeger.apiv2.CollectorServiceGrpc;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JaegerGrpcReceiverTest {
    private static final ByteString TRACE_ID = ClientTrace.traceId(ThriftBatches.TRACE_ID_HIGH, ThriftBatches.TRACE_ID_LOW);
    private static final ByteString PARENT_ID = ClientTrace.spanId(1);
    private static final ByteString CHILD_ID = ClientTrace.spanId(2);

    private final JaegerFixture fixture = new JaegerFixture();
    private ManagedChannel channel;
    private CollectorServiceGrpc.CollectorServiceBlockingStub stub;

    @BeforeEach
    void setUp() throws Exception {
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                """);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.address(JaegerReceiver.GRPC).getPort())
                .usePlaintext().build();
        stub = CollectorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        fixture.close();
    }

    @Test
    void theSpansCarryTheCallersAddress() {
        stub.postSpans(request());

        assertThat(fixture.consumer.batches().get(0).client().address()).isEqualTo("127.0.0.1");
    }

    @Test
    void postSpansArriveTranslated() {
        stub.postSpans(request());

        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
        assertThat(ClientTrace.attribute(fixture.consumer.resourceSpans().get(0).getResource().getAttributesList(),
                "service.name").orElseThrow().getStringValue()).isEqualTo("inventory");
        Span child = fixture.consumer.spans().stream().filter(s -> s.getName().equals("reserve")).findFirst().orElseThrow();
        assertThat(child.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(child.getSpanId()).isEqualTo(CHILD_ID);
        assertThat(child.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(child.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(child.getStartTimeUnixNano()).isEqualTo(1_700_000_000_000_000_500L);
        assertThat(child.getEndTimeUnixNano() - child.getStartTimeUnixNano()).isEqualTo(3_000_000);
        assertThat(ClientTrace.attribute(child.getAttributesList(), "rows").orElseThrow().getIntValue()).isEqualTo(42);
        assertThat(child.getStatus().getCode()).isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(child.getEventsList()).extracting(Span.Event::getName).containsExactly("retry");
        assertThat(fixture.accepted("grpc")).isEqualTo(2);
    }

    @Test
    void backPressureIsUnavailableWithRetryInfo() {
        fixture.consumer.failWith(() -> new RetryableException("queue is busy"));

        assertThatThrownBy(() -> stub.postSpans(request()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(StatusProto.fromThrowable(e).getDetailsList())
                            .anySatisfy(any -> assertThat(any.is(RetryInfo.class)).isTrue());
                });
        assertThat(fixture.refusedSpans("grpc")).isEqualTo(2);
    }

    @Test
    void badDataIsInvalidArgument() {
        fixture.consumer.failWith(() -> new PermanentException("bad spans"));

        assertThatThrownBy(() -> stub.postSpans(request()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void untranslatableBatchIsInvalidArgumentAndCounted() {
        PostSpansRequest tooWideId = PostSpansRequest.newBuilder()
                .setBatch(Model.Batch.newBuilder()
                        .setProcess(Model.Process.newBuilder().setServiceName("inventory"))
                        .addSpans(Model.Span.newBuilder().setTraceId(ByteString.copyFrom(new byte[17])).setSpanId(CHILD_ID)))
                .build();

        assertThatThrownBy(() -> stub.postSpans(tooWideId))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(fixture.refusedMessages("grpc", "undecodable")).isEqualTo(1);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    static PostSpansRequest request() {
        Model.Span parent = Model.Span.newBuilder()
                .setTraceId(TRACE_ID).setSpanId(PARENT_ID).setOperationName("order")
                .setStartTime(Timestamp.newBuilder().setSeconds(1_700_000_000L))
                .setDuration(Duration.newBuilder().setNanos(5_000_000))
                .build();
        Model.Span child = Model.Span.newBuilder()
                .setTraceId(TRACE_ID).setSpanId(CHILD_ID).setOperationName("reserve")
                .addReferences(Model.SpanRef.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID)
                        .setRefType(Model.SpanRefType.CHILD_OF))
                .setStartTime(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(500))
                .setDuration(Duration.newBuilder().setNanos(3_000_000))
                .addTags(Model.KeyValue.newBuilder().setKey("span.kind").setVStr("client"))
                .addTags(Model.KeyValue.newBuilder().setKey("rows").setVType(Model.ValueType.INT64).setVInt64(42))
                .addTags(Model.KeyValue.newBuilder().setKey("error").setVType(Model.ValueType.BOOL).setVBool(true))
                .addLogs(Model.Log.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(1000))
                        .addFields(Model.KeyValue.newBuilder().setKey("event").setVStr("retry")))
                .build();
        return PostSpansRequest.newBuilder()
                .setBatch(Model.Batch.newBuilder()
                        .setProcess(Model.Process.newBuilder().setServiceName("inventory"))
                        .addSpans(parent).addSpans(child))
                .build();
    }
}
