package io.tributary.translator.jaeger;

import static io.tributary.translator.jaeger.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OTLP → Jaeger api_v2 protobuf: the shared rules, plus what only the protobuf encoding can carry. */
class OtlpToJaegerProtoTest extends OtlpToJaegerRules {

    @Override
    List<Model.Batch> toBatches(Traces traces) {
        return JaegerProtoTranslator.toBatches(traces);
    }

    @Test
    void timesKeepNanosecondPrecision() {
        Span span = otlpSpan().setStartTimeUnixNano(START_NANOS + 7).setEndTimeUnixNano(START_NANOS + 1_500_000_130L).build();

        Model.Span translated = translate(span);

        assertThat(translated.getStartTime()).isEqualTo(timestamp(START_NANOS + 7));
        assertThat(translated.getDuration()).isEqualTo(duration(1_500_000_123));
    }
}
