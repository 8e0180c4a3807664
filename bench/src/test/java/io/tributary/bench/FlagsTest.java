package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagsTest {
    private static final Map<String, String> DEFAULTS = Map.of("duration", "30s", "inflight", "16");

    @Test
    void givenValuesOverrideDefaultsInBothSpellings() {
        Flags flags = new Flags(new String[] {"--duration", "500ms", "--inflight=4"}, DEFAULTS);

        assertThat(flags.duration("duration")).isEqualTo(Duration.ofMillis(500));
        assertThat(flags.integer("inflight")).isEqualTo(4);
    }

    @Test
    void defaultsApplyWhenAFlagIsAbsent() {
        assertThat(new Flags(new String[0], DEFAULTS).duration("duration")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unknownFlagsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new Flags(new String[] {"--inflght", "4"}, DEFAULTS))
                .hasMessageContaining("--inflght");
    }

    @Test
    void booleansAreTrueOrFalseAndNothingElse() {
        Map<String, String> defaults = Map.of("fresh", "false");

        assertThat(new Flags(new String[] {"--fresh", "true"}, defaults).bool("fresh")).isTrue();
        assertThat(new Flags(new String[0], defaults).bool("fresh")).isFalse();
        assertThatThrownBy(() -> new Flags(new String[] {"--fresh", "yes"}, defaults).bool("fresh")).hasMessageContaining("yes");
    }

    @Test
    void durationsNeedAUnit() {
        Flags flags = new Flags(new String[] {"--duration", "30"}, DEFAULTS);

        assertThatThrownBy(() -> flags.duration("duration")).hasMessageContaining("30s");
    }
}
