package io.tributary.translator;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeJsonTest {
    /** Each row: a double, as Go's encoding/json writes it (attributes as JSON), and as pdata's OTLP/JSON writes it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0.5, 0.5, 0.5",
        "100.0, 100, 100",
        "-0.0, -0, -0",
        "0.0, 0, 0",
        "1.0E-6, 0.000001, 0.000001",
        "1.0E-7, 1e-7, 1e-07",
        "-2.5E-9, -2.5e-9, -2.5e-09",
        "1.5E-10, 1.5e-10, 1.5e-10",
        "1.0E21, 1e+21, 1e+21",
        "1.0E300, 1e+300, 1e+300",
    })
    void writesDoublesAsGo(double value, String encodingJson, String otlpJson) {
        String inArray = AttributeJson.write(AnyValue.newBuilder()
                .setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setDoubleValue(value))).build());
        StringBuilder otlp = new StringBuilder();
        AttributeJson.appendJsonNumber(otlp, value);

        assertThat(AttributeJson.write(AnyValue.newBuilder().setDoubleValue(value).build())).isEqualTo(encodingJson);
        assertThat(inArray).isEqualTo("[" + encodingJson + "]");
        assertThat(otlp).hasToString(otlpJson);
    }
}
