package io.tributary.processor.filter;

import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.scope;
import static io.tributary.testkit.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Exposition;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FilterProcessorTest {
    private final Telemetry telemetry = new Telemetry();
    private final RecordingConsumer next = new RecordingConsumer();

    @Test
    void theSeedHealthCheckExclusionDropsHealthSpansAndKeepsTheRest() {
        Processor processor = processor("""
                spans:
                  exclude:
                    match_type: regexp
                    attributes:
                      - key: http.url
                        value: .*/health.*
                """);

        processor.consume(Traces.of(List.of(resource("shop", scope("http",
                span("GET /health", "http.url", "http://shop:8080/health"),
                span("GET /cart", "http.url", "http://shop:8080/cart"),
                span("GET /healthz", "http.url", "http://shop:8080/api/healthz?probe=1"),
                span("internal"))))));

        assertThat(names()).containsExactly("GET /cart", "internal");
    }

    @Test
    void legacyIncludeIsAppliedBeforeExclude() {
        Processor processor = processor("""
                spans:
                  include:
                    match_type: strict
                    services: [checkout]
                  exclude:
                    match_type: regexp
                    span_names: ['^GET /health']
                """);

        processor.consume(Traces.of(List.of(
                resource("checkout", scope("http", span("GET /health"), span("POST /pay"))),
                resource("cart", scope("http", span("POST /add"))))));

        assertThat(names()).containsExactly("POST /pay");
    }

    @Test
    void legacyAttributeWithoutValueMatchesOnPresence() {
        Processor processor = processor("""
                spans:
                  exclude:
                    match_type: strict
                    attributes: [{key: synthetic}]
                """);

        processor.consume(Traces.of(List.of(resource("shop", scope("http", span("probe", "synthetic", "yes"), span("real"))))));

        assertThat(names()).containsExactly("real");
    }

    @Test
    void spanConditionsAreOredAndDropWhatMatches() {
        Processor processor = processor("""
                traces:
                  span:
                    - 'attributes["http.url"] != nil and IsMatch(attributes["http.url"], ".*/health.*")'
                    - 'name == "internal"'
                """);

        processor.consume(Traces.of(List.of(resource("shop", scope("http",
                span("GET /health", "http.url", "http://shop/health"),
                span("GET /cart", "http.url", "http://shop/cart"),
                span("internal"))))));

        assertThat(names()).containsExactly("GET /cart");
    }

    @Test
    void metricsAndLogsSectionsBesideTracesLeaveSpanFilteringAsItWas() {
        Processor processor = processor("""
                traces:
                  span: ['name == "internal"']
                metrics:
                  metric: ['name == "internal"']
                  datapoint: ['attributes["k"] == "v"']
                logs:
                  include:
                    match_type: strict
                    bodies: [internal]
                """);

        processor.consume(Traces.of(List.of(resource("shop", scope("http", span("GET /cart"), span("internal"))))));

        assertThat(names()).containsExactly("GET /cart");
    }

    @Test
    void spanEventConditionsDropEventsAndKeepTheSpan() {
        Processor processor = processor("""
                traces:
                  spanevent:
                    - 'IsMatch(name, ".*grpc.*")'
                """);
        Span span = span("call").toBuilder()
                .addEvents(Span.Event.newBuilder().setName("grpc.message"))
                .addEvents(Span.Event.newBuilder().setName("exception"))
                .build();
        Span onlyGrpc = span("other").toBuilder().addEvents(Span.Event.newBuilder().setName("grpc.sent")).build();

        processor.consume(Traces.of(List.of(resource("shop", scope("grpc", span, onlyGrpc)))));

        assertThat(next.spans()).extracting(Span::getName).containsExactly("call", "other");
        assertThat(next.spans().get(0).getEventsList()).extracting(Span.Event::getName).containsExactly("exception");
        assertThat(next.spans().get(1).getEventsList()).isEmpty();
        assertThat(counter("otelcol.processor.filter.spans.filtered")).isZero();
    }

    @Test
    void resourceConditionsDropTheWholeResource() {
        Processor processor = processor("""
                traces:
                  resource:
                    - 'attributes["service.name"] == "noisy"'
                """);

        processor.consume(Traces.of(List.of(
                resource("noisy", scope("http", span("a"), span("b"))),
                resource("quiet", scope("http", span("c"))))));

        assertThat(names()).containsExactly("c");
        assertThat(counter("otelcol.processor.filter.spans.filtered")).isEqualTo(2);
        assertThat(counter("otelcol.processor.dropped.spans")).isEqualTo(2);
    }

    @Test
    void traceConditionsInferEachConditionsContext() {
        Processor processor = processor("""
                trace_conditions:
                  - 'resource.attributes["service.name"] == "noisy"'
                  - 'span.name == "GET /health"'
                  - 'spanevent.name == "debug"'
                """);
        Span withEvents = span("work").toBuilder()
                .addEvents(Span.Event.newBuilder().setName("debug"))
                .addEvents(Span.Event.newBuilder().setName("exception"))
                .build();

        processor.consume(Traces.of(List.of(
                resource("noisy", scope("http", span("a"))),
                resource("shop", scope("http", span("GET /health"), withEvents)))));

        assertThat(names()).containsExactly("work");
        assertThat(next.spans().get(0).getEventsList()).extracting(Span.Event::getName).containsExactly("exception");
    }

    @Test
    void advancedTraceConditionsReadUnprefixedPathsInTheirContext() {
        Processor processor = processor("""
                trace_conditions:
                  - context: span
                    conditions:
                      - 'name == "GET /health"'
                  - context: scope
                    conditions: ['name == "noisy-lib"']
                """);

        processor.consume(Traces.of(List.of(resource("shop",
                scope("noisy-lib", span("x")),
                scope("http", span("GET /health"), span("GET /cart"))))));

        assertThat(names()).containsExactly("GET /cart");
    }

    @Test
    void propagateRefusesTheBatchAndPassesNothingOn() {
        Processor processor = processor("""
                error_mode: propagate
                traces:
                  span: ['Len(attributes["missing"]) > 0', 'name == "b"']
                """);

        assertThatThrownBy(() -> processor.consume(Traces.of(List.of(resource("shop", scope("http", span("a"), span("b")))))))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("Len(attributes[\"missing\"]) > 0");
        assertThat(next.batches()).isEmpty();
        assertThat(counter("otelcol.processor.outgoing.items")).isZero();
    }

    @Test
    void ignoreIsTheDefaultAndTakesAFailingConditionAsFalse() {
        Processor processor = processor("""
                traces:
                  span: ['Len(attributes["missing"]) > 0', 'name == "b"']
                """);

        processor.consume(Traces.of(List.of(resource("shop", scope("http", span("a"), span("b"))))));

        assertThat(names()).containsExactly("a");
    }

    @Test
    void aTraceConditionsGroupsErrorModeOverridesTheProcessors() {
        Processor processor = processor("""
                error_mode: propagate
                trace_conditions:
                  - context: span
                    error_mode: silent
                    conditions: ['Len(attributes["missing"]) > 0']
                """);

        processor.consume(Traces.of(List.of(resource("shop", scope("http", span("a"))))));

        assertThat(names()).containsExactly("a");
    }

    @Test
    void aBatchNothingIsDroppedFromPassesOnAsTheSameTraces() throws Exception {
        Processor processor = processor("traces: {span: ['name == \"absent\"']}");
        Traces encoded = Traces.parse(Traces.of(List.of(resource("shop", scope("http", span("a"), span("b"))))).encoded());

        processor.consume(encoded);

        assertThat(next.batches()).singleElement().isSameAs(encoded);
    }

    @Test
    void droppingEverySpanOfAScopeOrResourceLeavesNoEmptyShellBehind() {
        Processor processor = processor("traces: {span: ['name == \"drop\"']}");

        processor.consume(Traces.of(List.of(
                resource("a", scope("x", span("drop")), scope("y", span("keep"))),
                resource("b", scope("z", span("drop"), span("drop"))))));

        List<ResourceSpans> received = next.resourceSpans();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getScopeSpansList()).extracting(s -> s.getScope().getName()).containsExactly("y");
    }

    @Test
    void aResourceOrScopeThatArrivedEmptyGoesAsInOtelcol() {
        Processor processor = processor("traces: {span: ['name == \"absent\"']}");

        processor.consume(Traces.of(List.of(resource("bare"), resource("a", scope("empty"), scope("x", span("keep"))))));

        assertThat(next.resourceSpans()).singleElement().satisfies(entry -> assertThat(entry.getScopeSpansList())
                .extracting(s -> s.getScope().getName()).containsExactly("x"));
    }

    @Test
    void aFilterInATracesPipelineLeavesTheLogAndMetricSettingsAlone() {
        FilterProcessorFactory factory = new FilterProcessorFactory();
        FilterConfig config = FilterConfigTest.bind("""
                spans: {exclude: {match_type: strict, span_names: [drop]}}
                logs: {include: {match_type: strict, bodies: [keep]}}
                metrics: {exclude: {match_type: expr, expressions: ['MetricName == "m"']}}
                """);

        factory.checkFor(Signal.TRACES, config);
        factory.create(TestContext.of("filter/health").telemetry(telemetry).build(), config, next)
                .consume(Traces.of(List.of(resource("a", scope("x", span("drop"), span("keep"))))));

        assertThat(names()).containsExactly("keep");
    }

    @Test
    void whenNothingIsLeftTheNextConsumerIsNotCalled() {
        Processor processor = processor("traces: {span: ['true']}");

        processor.consume(Traces.of(List.of(resource("a", scope("x", span("a"), span("b"))))));

        assertThat(next.batches()).isEmpty();
        assertThat(counter("otelcol.processor.filter.spans.filtered")).isEqualTo(2);
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(2);
        assertThat(counter("otelcol.processor.outgoing.items")).isZero();
    }

    @Test
    void countsFilteredSpansUnderOtelcolsNameAndLabel() {
        Processor processor = processor("traces: {span: ['name == \"drop\"']}");

        processor.consume(Traces.of(List.of(resource("a", scope("x", span("drop"), span("keep"), span("keep"))))));

        assertThat(telemetry.scrape())
                .contains("otelcol_processor_filter_spans_filtered_total{filter=\"filter/health\"} 1.0")
                .contains("otelcol_processor_incoming_items_total{otel_signal=\"traces\",processor=\"filter/health\"} 3.0")
                .contains("otelcol_processor_outgoing_items_total{otel_signal=\"traces\",processor=\"filter/health\"} 2.0");
    }

    @Test
    void anExplicitReaderShowsTheFilteredCountInTheFilterProcessorsScopeAsOtelcol() {
        Telemetry explicit = new Telemetry(Exposition.PULL_READER);
        Processor processor = new FilterProcessorFactory().create(TestContext.of("filter").telemetry(explicit).build(),
                FilterConfigTest.bind("traces: {span: ['name == \"drop\"']}"), next);

        processor.consume(Traces.of(List.of(resource("a", scope("x", span("drop"), span("keep"))))));

        assertThat(explicit.scrape()).contains("otelcol_processor_filter_spans_filtered_total{filter=\"filter\","
                + "otel_scope_name=\"github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor\","
                + "otel_scope_schema_url=\"\",otel_scope_version=\"\"} 1.0");
    }

    @Test
    void withoutSettingsEveryBatchPassesAsItIs() {
        Processor processor = processor("{}");
        Traces batch = Traces.of(List.of(resource("a", scope("x", span("a")))));

        processor.consume(batch);

        assertThat(next.batches()).singleElement().isSameAs(batch);
    }

    @Test
    void isFoundAsTheFilterType() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(factory -> assertThat(factory.type()).isEqualTo("filter"));
    }

    private Processor processor(String yaml) {
        ComponentContext context = TestContext.of("filter/health").telemetry(telemetry).build();
        return new FilterProcessorFactory().create(context, FilterConfigTest.bind(yaml), next);
    }

    private List<String> names() {
        return next.spans().stream().map(Span::getName).toList();
    }

    private double counter(String name) {
        return telemetry.registry().get(name).counter().count();
    }
}
