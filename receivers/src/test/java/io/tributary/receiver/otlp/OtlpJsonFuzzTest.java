package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import java.io.IOException;

/**
 * OTLP/JSON both ways. Arbitrary bytes as a JSON body: the receiver's {@link OtlpJsonDecoder} and then
 * {@link Traces#parse} refuse them with {@link InvalidOtlpException} (the receiver's 400) or
 * accept traces that decode. Arbitrary bytes as a protobuf request that {@link Traces#parse}
 * accepts: the JSON that {@link io.tributary.translator.OtlpJsonEncoder} writes for it reads back to the
 * same request (less the unknown fields JSON cannot carry). Anything else thrown is a finding.
 *
 * <p>In {@code verify} these replay {@code OtlpJsonFuzzTestInputs/<method>}. To fuzz one:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl receivers -am test -Dtest='OtlpJsonFuzzTest#decode'
 * -Dsurefire.failIfNoSpecifiedTests=false} (one method per run).
 */
class OtlpJsonFuzzTest {
    private static final JsonFormat.Printer PROTOBUF_JSON = JsonFormat.printer();

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] json) {
        Traces traces;
        try {
            traces = Traces.parse(OtlpJsonDecoder.toProtobuf(Signal.TRACES, ByteString.copyFrom(json)));
        } catch (InvalidOtlpException refused) {
            return;
        }
        assertThat(traces.resourceSpans()).hasSize(traces.resourceSpansCount());
    }

    @FuzzTest(maxDuration = "2m")
    void writeThenRead(byte[] protobuf) throws InvalidOtlpException, IOException {
        Traces traces;
        try {
            traces = Traces.parse(ByteString.copyFrom(protobuf));
        } catch (InvalidOtlpException refused) {
            return;
        }
        byte[] json = io.tributary.translator.OtlpJsonEncoder.write(traces);
        ExportTraceServiceRequest read = ExportTraceServiceRequest.parseFrom(OtlpJsonDecoder.toProtobuf(Signal.TRACES, ByteString.copyFrom(json)));
        // protobuf's own JSON leaves unknown fields out, so it compares the requests without them.
        assertThat(PROTOBUF_JSON.print(present(read))).isEqualTo(PROTOBUF_JSON.print(present(traces.toRequest())));
    }

    /**
     * The message with every singular message field set: OTLP/JSON writes resource, scope, status
     * and value even when absent (as pdata does), so they read back present but empty.
     */
    private static Message present(Message message) {
        Message.Builder builder = message.toBuilder();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.isRepeated()) {
                for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                    builder.setRepeatedField(field, i, present((Message) message.getRepeatedField(field, i)));
                }
            } else if (field.getContainingOneof() == null || message.hasField(field)) {
                builder.setField(field, present((Message) message.getField(field)));
            }
        }
        return builder.build();
    }
}
