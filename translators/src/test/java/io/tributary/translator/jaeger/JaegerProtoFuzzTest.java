package io.tributary.translator.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansRequest;
import io.tributary.translator.jaeger.apiv2.Model;

/**
 * Arbitrary bytes as a gRPC {@code PostSpans} request: protobuf refuses them, or
 * {@link JaegerProtoTranslator} translates the batch or refuses it with its documented
 * {@link IllegalArgumentException} (both answered INVALID_ARGUMENT); what it translates is OTLP our
 * own validator accepts, and translates back to Jaeger for the exporters.
 *
 * <p>In {@code verify} this replays {@code JaegerProtoFuzzTestInputs/postSpans}. To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl translators -am test -Dtest=JaegerProtoFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class JaegerProtoFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void postSpans(byte[] input) throws InvalidOtlpException {
        PostSpansRequest request;
        try {
            request = PostSpansRequest.parseFrom(input);
        } catch (InvalidProtocolBufferException refused) {
            return;
        }
        Traces traces;
        try {
            traces = JaegerProtoTranslator.toTraces(request.getBatch());
        } catch (IllegalArgumentException refused) {
            return;
        }
        // An empty span is skipped, as otelcol's translator does.
        long spans = request.getBatch().getSpansList().stream().filter(span -> !span.equals(Model.Span.getDefaultInstance())).count();
        assertThat(Traces.parse(traces.encoded()).spanCount()).isEqualTo(spans);
        assertThat(JaegerThriftTranslator.toBatches(traces)).hasSameSizeAs(JaegerProtoTranslator.toBatches(traces));
    }
}
