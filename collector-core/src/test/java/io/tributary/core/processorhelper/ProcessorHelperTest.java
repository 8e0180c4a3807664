package io.tributary.core.processorhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.consumer.ConsumerException;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestTraces;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessorHelperTest {
    private static final String ID = "filter/edge";
    /** Two resources: two spans, then one. */
    private static final Traces THREE_SPANS = Traces.of(List.of(resource(2), resource(1)));

    private final Telemetry telemetry = new Telemetry();
    private final List<Traces> passedOn = new ArrayList<>();
    private TracesConsumer next = passedOn::add;

    /** A processor whose decision is {@code process}; the next consumer is read at each call, so a test may swap it. */
    private ProcessorHelper<Traces> processor(UnaryOperator<Traces> process) {
        ComponentContext context = new ComponentContext(ComponentId.parse(ID), telemetry, null, null, null, null);
        return new ProcessorHelper<>(context, Signal.TRACES, traces -> next.consume(traces)) {
            @Override
            protected Traces process(Traces traces) {
                return process.apply(traces);
            }
        };
    }

    @Test
    void aBatchKeptWholeIsPassedOnAsItIsAndCountedInAndOut() {
        processor(traces -> traces).consume(THREE_SPANS);

        assertThat(passedOn).singleElement().isSameAs(THREE_SPANS);
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(3);
        assertThat(counter("otelcol.processor.outgoing.items")).isEqualTo(3);
        assertThat(telemetry.registry().find("otelcol.processor.dropped.spans").counter())
                .as("nothing dropped yet: the series appears on the first drop").isNull();
    }

    @Test
    void aProcessorOfLogsCountsLogRecordsUnderItsSignal() {
        ComponentContext context = new ComponentContext(ComponentId.parse(ID), telemetry, null, null, null, null);
        Logs twoRecords = Logs.of(TestLogs.request(TestLogs.resource("svc", TestLogs.scope("s", TestLogs.records("keep", "drop")))));
        List<Logs> logsPassedOn = new ArrayList<>();
        new ProcessorHelper<>(context, Signal.LOGS, logsPassedOn::add) {
            @Override
            protected Logs process(Logs logs) {
                return Logs.of(TestLogs.request(TestLogs.resource("svc", TestLogs.scope("s", TestLogs.records("keep")))));
            }
        }.consume(twoRecords);

        assertThat(logsPassedOn).singleElement().extracting(Logs::logRecordCount).isEqualTo(1);
        assertThat(telemetry.registry().get("otelcol.processor.incoming.items").tag("otel_signal", "logs").counter().count())
                .isEqualTo(2);
        assertThat(telemetry.registry().get("otelcol.processor.outgoing.items").tag("otel_signal", "logs").counter().count())
                .isEqualTo(1);
        assertThat(counter("otelcol.processor.dropped.log.records")).isEqualTo(1);
        assertThat(telemetry.registry().find("otelcol.processor.incoming.items").tag("otel_signal", "traces").counter()).isNull();
    }

    @Test
    void spansTheProcessorLeftOutAreCountedDropped() {
        processor(traces -> traces.withResourceSpans(traces.resourceSpans().subList(0, 1))).consume(THREE_SPANS);

        assertThat(passedOn).singleElement().extracting(Traces::spanCount).isEqualTo(2);
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(3);
        assertThat(counter("otelcol.processor.outgoing.items")).isEqualTo(2);
        assertThat(counter("otelcol.processor.dropped.spans")).isEqualTo(1);
    }

    @Test
    void nothingLeftIsNotPassedOnAndEverySpanIsDropped() {
        processor(traces -> null).consume(THREE_SPANS);

        assertThat(passedOn).isEmpty();
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(3);
        assertThat(counter("otelcol.processor.outgoing.items")).isZero();
        assertThat(counter("otelcol.processor.dropped.spans")).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void theProcessorsRefusalGoesBackWithNothingPassedOnOutgoingOrDropped(ConsumerException refusal) {
        ProcessorHelper<Traces> processor = processor(traces -> {
            throw refusal;
        });

        assertThatThrownBy(() -> processor.consume(THREE_SPANS)).isSameAs(refusal);
        assertThat(passedOn).isEmpty();
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(3);
        assertThat(counter("otelcol.processor.outgoing.items")).isZero();
        assertThat(telemetry.registry().find("otelcol.processor.dropped.spans").counter()).isNull();
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void theNextConsumersRefusalGoesBackUnchangedAndTheBatchStillCountsAsOutgoing(ConsumerException refusal) {
        next = traces -> {
            throw refusal;
        };

        assertThatThrownBy(() -> processor(traces -> traces).consume(THREE_SPANS)).isSameAs(refusal);
        assertThat(counter("otelcol.processor.outgoing.items"))
                .as("as otelcol's processorhelper: counted before the next consumer answers").isEqualTo(3);
        assertThat(telemetry.registry().find("otelcol.processor.dropped.spans").counter())
                .as("the caller keeps a refused batch: not dropped here").isNull();
    }

    static Stream<ConsumerException> refusals() {
        return Stream.of(new RetryableException("busy"), new PermanentException("bad data"));
    }

    private double counter(String name) {
        return telemetry.registry().get(name).tag("processor", ID).counter().count();
    }

    private static ResourceSpans resource(int spans) {
        return ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                .addAllSpans(IntStream.range(0, spans).mapToObj(i -> TestTraces.span("span " + i)).toList())).build();
    }
}
