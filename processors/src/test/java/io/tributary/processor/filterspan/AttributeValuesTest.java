package io.tributary.processor.filterspan;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeValuesTest {
    /** Each row: a YAML value, the pdata type otelcol gives it, and its value as text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            42         | Int    | 42
            -7         | Int    | -7
            '42'       | Str    | 42
            "42"       | Str    | 42
            017        | Int    | 15
            0x1F       | Int    | 31
            1_000      | Int    | 1000
            4.5        | Double | 4.5
            1e3        | Double | 1000
            true       | Bool   | true
            False      | Bool   | false
            yes        | Str    | yes
            abc        | Str    | abc
            [a, 1]     | Slice  | ["a",1]
            {b: 2, a: x} | Map  | {"a":"x","b":2}
            """)
    void typesConfigValuesAsGoYamlDoes(String yaml, String type, String text) {
        ConfigNode node = ConfigLoader.parse("v: " + yaml, "test", name -> null).get("v");

        AnyValue value = AttributeValues.fromConfig(node);

        assertThat(AttributeValues.typeName(value)).isEqualTo(type);
        assertThat(AttributeValues.asString(value)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.5, 0.5",
        "100.0, 100",
        "1.0E21, 1000000000000000000000",
        "1.0E-7, 0.0000001",
        "-0.0, -0",
        "NaN, NaN",
        "Infinity, +Inf",
    })
    void writesDoublesForRegexpMatchingAsGoStrconvDoes(double value, String text) {
        assertThat(AttributeValues.matchText(AnyValue.newBuilder().setDoubleValue(value).build())).isEqualTo(text);
    }
}
