package io.tributary.processor.filtermatch;

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

    /** Each row: text, and what Go's strconv.ParseFloat(text, 64) returns for it ("error" where it fails). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1.5          | 1.5
            -2           | -2.0
            .5           | 0.5
            3.           | 3.0
            1e3          | 1000.0
            0x1p-2       | 0.25
            0X1.8P1      | 3.0
            1_000        | 1000.0
            1_000.25     | 1000.25
            0x_1p4       | 16.0
            1e1_0        | 1.0E10
            inf          | Infinity
            -Infinity    | -Infinity
            NaN          | NaN
            -nan         | error
            1__0         | error
            _1           | error
            1_           | error
            1_.5         | error
            0x1          | error
            1e999        | error
            ` 1`         | error
            1.5d         | error
            ``           | error
            """)
    void parsesFloatsAsGoStrconvDoes(String text, String parsed) {
        Double value = AttributeValues.parseGoFloat(text);

        assertThat(value == null ? "error" : value.toString()).isEqualTo(parsed);
    }
}
