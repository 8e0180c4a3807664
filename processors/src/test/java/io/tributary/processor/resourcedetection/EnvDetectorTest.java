package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OTEL_RESOURCE_ATTRIBUTES as otelcol's env detector reads it. */
class EnvDetectorTest {
    @Test
    void parsesPairsTrimmingBlanksAndPercentDecodingValues() {
        assertThat(EnvDetector.parse(" example.org/test-1 =  test $ %3A \\\" ,  Abc=Def  ")).containsExactly(
                attribute("example.org/test-1", "test $ : \\\""), attribute("Abc", "Def"));
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValue() {
        assertThat(EnvDetector.parse("a=1,b=2,a=3")).containsExactly(attribute("a", "3"), attribute("b", "2"));
    }

    @Test
    void refusesWhatOtelcolRefuses() {
        assertThatThrownBy(() -> EnvDetector.parse("invalid=url-%3-encoding"))
                .hasMessageStartingWith("invalid resource format in attribute: \"invalid=url-%3-encoding\"");
        assertThatThrownBy(() -> EnvDetector.parse("invalid-char-ü=test")).hasMessage("invalid resource format: \"invalid-char-ü=test\"");
        assertThatThrownBy(() -> EnvDetector.parse("extra=chars, a")).hasMessage("invalid resource format, invalid text: \" a\"");
        assertThatThrownBy(() -> EnvDetector.parse("invalid=char,übetween=attributes")).hasMessage("invalid resource format, invalid text: \"ü\"");
    }

    @Test
    void fallsBackToTheDeprecatedVariable() {
        Map<String, String> env = Map.of("OTEL_RESOURCE_ATTRIBUTES", "  ", "OTEL_RESOURCE", "key=value");

        assertThat(new EnvDetector(env::get).detect(null)).containsExactly(attribute("key", "value"));
        assertThat(new EnvDetector(name -> null).detect(null)).isEqualTo(List.of());
    }
}
