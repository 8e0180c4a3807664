package io.tributary.processor.ottl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionSequenceTest {
    private static final Resource RESOURCE = Fixture.RESOURCE.getResource();
    private static final InstrumentationScope SCOPE = Fixture.SCOPE.getScope();
    private static final OttlCondition FAILS = OttlCondition.parse("Len(attributes[\"missing\"]) > 0", OttlContext.SPAN);
    private static final OttlCondition HOLDS = OttlCondition.parse("name == \"GET /health\"", OttlContext.SPAN);
    private static final OttlCondition DOES_NOT_HOLD = OttlCondition.parse("name == \"other\"", OttlContext.SPAN);

    @Test
    void anyConditionThatHoldsMatches() {
        assertThat(ConditionSequence.of(List.of(DOES_NOT_HOLD, HOLDS), ErrorMode.PROPAGATE)
                .matchesItem(RESOURCE, SCOPE, Fixture.SPAN)).isTrue();
        assertThat(ConditionSequence.of(List.of(DOES_NOT_HOLD), ErrorMode.PROPAGATE)
                .matchesItem(RESOURCE, SCOPE, Fixture.SPAN)).isFalse();
    }

    @Test
    void propagateStopsAtTheFirstFailureWithTheConditionInTheMessage() {
        ConditionSequence sequence = ConditionSequence.of(List.of(FAILS, HOLDS), ErrorMode.PROPAGATE);
        assertThatThrownBy(() -> sequence.matchesItem(RESOURCE, SCOPE, Fixture.SPAN))
                .isInstanceOf(OttlEvaluationException.class)
                .hasMessageContaining("Len(attributes[\"missing\"]) > 0")
                .hasMessageContaining("got nil");
    }

    @Test
    void ignoreTakesAFailingConditionAsFalseAndGoesOn() {
        assertThat(ConditionSequence.of(List.of(FAILS, HOLDS), ErrorMode.IGNORE)
                .matchesItem(RESOURCE, SCOPE, Fixture.SPAN)).isTrue();
        assertThat(ConditionSequence.of(List.of(FAILS), ErrorMode.IGNORE)
                .matchesItem(RESOURCE, SCOPE, Fixture.SPAN)).isFalse();
    }

    @Test
    void silentTakesAFailingConditionAsFalseAndGoesOn() {
        assertThat(ConditionSequence.of(List.of(FAILS, HOLDS), ErrorMode.SILENT)
                .matchesItem(RESOURCE, SCOPE, Fixture.SPAN)).isTrue();
    }

    @Test
    void concatenatedSequencesKeepEachConditionsErrorMode() {
        ConditionSequence sequence = ConditionSequence.concat(List.of(
                ConditionSequence.of(List.of(FAILS), ErrorMode.IGNORE),
                ConditionSequence.of(List.of(HOLDS), ErrorMode.PROPAGATE)));
        assertThat(sequence.matchesItem(RESOURCE, SCOPE, Fixture.SPAN)).isTrue();
    }

    @Test
    void spanEventConditionsNeedAnEvent() {
        ConditionSequence sequence = ConditionSequence.of(
                List.of(OttlCondition.parse("name == \"exception\"", OttlContext.SPANEVENT)), ErrorMode.PROPAGATE);
        assertThat(sequence.matchesPart(RESOURCE, SCOPE, Fixture.SPAN, Fixture.EVENT)).isTrue();
        assertThatThrownBy(() -> sequence.matchesItem(RESOURCE, SCOPE, Fixture.SPAN))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dataPointConditionsRunOnEachPointOfAMetric() {
        ConditionSequence sequence = ConditionSequence.of(
                List.of(OttlCondition.infer("datapoint.attributes[\"http.route\"] == \"/health\"")), ErrorMode.PROPAGATE);
        assertThat(sequence.matchesPart(RESOURCE, SCOPE, Fixture.SUM, Fixture.POINT)).isTrue();
        assertThat(sequence.matchesPart(RESOURCE, SCOPE, Fixture.SUM, Fixture.SUM.getSum().getDataPoints(1))).isFalse();
        assertThatThrownBy(() -> sequence.matchesItem(RESOURCE, SCOPE, Fixture.SUM)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resourceConditionsRunOnAResourceAlone() {
        ConditionSequence sequence = ConditionSequence.of(
                List.of(OttlCondition.infer("resource.attributes[\"service.name\"] == \"checkout\"")), ErrorMode.PROPAGATE);
        assertThat(sequence.matchesResource(RESOURCE)).isTrue();
    }
}
