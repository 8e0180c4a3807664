package io.tributary.connector.spanmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.testkit.TestTraces;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key text of each attribute type is pdata's {@code AsString}. */
class LabelTextTest {
    @Test
    void scalarsAreWrittenFromTheirBytes() {
        assertThat(text(TestTraces.value("GET /cart"))).isEqualTo("GET /cart");
        assertThat(text(TestTraces.value(true))).isEqualTo("true");
        assertThat(text(TestTraces.value(false))).isEqualTo("false");
        assertThat(text(TestTraces.value(200L))).isEqualTo("200");
        assertThat(text(TestTraces.value(-42L))).isEqualTo("-42");
        assertThat(text(TestTraces.value(0L))).isEqualTo("0");
        assertThat(text(TestTraces.value(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(text(TestTraces.value(Long.MAX_VALUE))).isEqualTo("9223372036854775807");
    }

    @Test
    void otherTypesAreWrittenAsGoWritesThem() {
        assertThat(text(TestTraces.value(1.5))).isEqualTo("1.5");
        assertThat(text(TestTraces.value(1e21))).isEqualTo("1e+21");
        assertThat(text(TestTraces.value(new byte[] {1, 2, 3}))).isEqualTo("AQID");
        assertThat(text(TestTraces.value(List.of("a", 1L)))).isEqualTo("[\"a\",1]");
        assertThat(text(TestTraces.value(Map.of("k", "v")))).isEqualTo("{\"k\":\"v\"}");
        assertThat(text(AnyValue.getDefaultInstance())).isEmpty();
    }

    @Test
    void theLastValueFieldWinsAsProtobufDecodesIt() {
        ByteString twoFields = TestTraces.value("first").toByteString().concat(TestTraces.value(7L).toByteString());

        assertThat(text(twoFields.toByteArray())).isEqualTo("7");
    }

    private static String text(AnyValue value) {
        return text(value.toByteArray());
    }

    private static String text(byte[] encoded) {
        byte[] buf = new byte[encoded.length + 2];
        System.arraycopy(encoded, 0, buf, 1, encoded.length);
        BytesKey key = new BytesKey();
        LabelText.append(key, buf, 1, 1 + encoded.length);
        return key.done().toString();
    }
}
