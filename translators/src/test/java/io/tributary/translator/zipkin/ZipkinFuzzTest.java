package io.tributary.translator.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import java.util.List;
import java.util.function.Supplier;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Arbitrary bytes as a body of each encoding the zipkin receiver serves: the decoder (zipkin2's for
 * v2, {@link ZipkinV1Translator} for v1) refuses them with its documented
 * {@link IllegalArgumentException} (the receiver's 400), and so may {@link ZipkinTranslator} (an ID
 * zipkin2 lets through that OTLP cannot carry), or every decoded span becomes OTLP that our own
 * validator accepts and that translates back to Zipkin for the exporter. Anything else thrown is a
 * finding.
 *
 * <p>In {@code verify} these replay {@code ZipkinFuzzTestInputs/<method>}. To fuzz one:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl translators -am test -Dtest='ZipkinFuzzTest#jsonV2'
 * -Dsurefire.failIfNoSpecifiedTests=false} (one method per run).
 */
class ZipkinFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void jsonV2(byte[] body) throws InvalidOtlpException {
        decodeAndTranslate(SpanBytesDecoder.JSON_V2, body);
    }

    @FuzzTest(maxDuration = "2m")
    void jsonV1(byte[] body) throws InvalidOtlpException {
        translateV1(() -> ZipkinV1Translator.fromJson(body, true, 1));
    }

    @FuzzTest(maxDuration = "2m")
    void proto3(byte[] body) throws InvalidOtlpException {
        decodeAndTranslate(SpanBytesDecoder.PROTO3, body);
    }

    @FuzzTest(maxDuration = "2m")
    void thrift(byte[] body) throws InvalidOtlpException {
        translateV1(() -> ZipkinV1Translator.fromThrift(body));
    }

    private static void translateV1(Supplier<Traces> translation) throws InvalidOtlpException {
        Traces traces;
        try {
            traces = translation.get();
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(Traces.parse(traces.encoded()).spanCount()).isEqualTo(traces.spanCount());
        SpanBytesEncoder.JSON_V2.encodeList(ZipkinTranslator.toSpans(traces));
    }

    private static void decodeAndTranslate(SpanBytesDecoder decoder, byte[] body) throws InvalidOtlpException {
        List<Span> spans;
        try {
            spans = decoder.decodeList(body);
        } catch (IllegalArgumentException refused) {
            return;
        }
        Traces traces;
        try {
            traces = ZipkinTranslator.toTraces(spans, true);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(Traces.parse(traces.encoded()).spanCount()).isEqualTo(spans.size());
        assertThat(ZipkinTranslator.toSpans(traces)).hasSameSizeAs(spans);
        SpanBytesEncoder.JSON_V2.encodeList(ZipkinTranslator.toSpans(traces));
    }
}
