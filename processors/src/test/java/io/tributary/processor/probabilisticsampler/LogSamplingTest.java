package io.tributary.processor.probabilisticsampler;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Signal;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestLogs;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sampler in a logs pipeline, against what otelcol v0.148.0 did with the same 30 records: each
 * config below ran in otelcol (its otlp receiver, the sampler, a file exporter), and each expected
 * list is what its file exporter wrote, record by record: body, then attributes in order.
 */
class LogSamplingTest {
    private final Telemetry telemetry = new Telemetry();
    private final Recording<Logs> next = Recording.create();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sampling_percentage: 50, hash_seed: 22 \
            | t0 [k=v, sampling.randomness=f3dc15ac6a4308, sampling.threshold=8]; \
              t3 [k=v, sampling.randomness=c9f02c5b140d83, sampling.threshold=8]; \
              t7 [k=v, sampling.randomness=9350189524db2b, sampling.threshold=8]
            sampling_percentage: 50, attribute_source: record, from_attribute: user.id \
            | u2 [user.id=user-2, sampling.randomness=fd082fe5fb80bd, sampling.threshold=8]
            sampling_percentage: 25, mode: equalizing \
            | t0 [k=v, sampling.threshold=c]; t7 [k=v, sampling.threshold=c]; \
              rv-c [sampling.randomness=c0000000000000, sampling.threshold=c]; th-8 [sampling.threshold=c]; \
              prio-tiny [prio=0.5, sampling.threshold=c]; prio-neg [prio=-5, sampling.threshold=c]; \
              prio-str [prio=100, sampling.threshold=c]
            sampling_percentage: 10, sampling_priority: prio \
            | prio-100 [prio=100, sampling.randomness=976837c4f25a25, sampling.threshold=0]
            sampling_percentage: 50, mode: proportional, fail_closed: false \
            | t0 [k=v, sampling.threshold=8]; t5 [k=v, sampling.threshold=8]; t7 [k=v, sampling.threshold=8]; \
              u0 [user.id=user-0, sampling.threshold=0]; u1 [user.id=user-1, sampling.threshold=0]; \
              u2 [user.id=user-2, sampling.threshold=0]; u3 [user.id=user-3, sampling.threshold=0]; \
              u4 [user.id=user-4, sampling.threshold=0]; u5 [user.id=user-5, sampling.threshold=0]; \
              u6 [user.id=user-6, sampling.threshold=0]; u7 [user.id=user-7, sampling.threshold=0]; \
              ubytes [user.id=010203, sampling.threshold=0]; uint [user.id=12345, sampling.threshold=0]; \
              uempty [user.id=, sampling.threshold=0]; none [sampling.threshold=0]; \
              rv-c [sampling.randomness=c0000000000000, sampling.threshold=8]; th-8 [sampling.threshold=c]; \
              th-bad [sampling.threshold=zz]; th-incons [sampling.randomness=10000000000000, z=last, sampling.threshold=0]; \
              prio-tiny [prio=0.5, sampling.threshold=8]; prio-neg [prio=-5, sampling.threshold=8]; \
              prio-str [prio=100, sampling.threshold=8]
            """)
    void keepsAndWritesWhatOtelcolKeptAndWrote(String config, String expected) throws Exception {
        SignalProcessor<Logs> sampler = processor("{" + config + "}");

        sampler.consume(Logs.parse(Logs.of(List.of(labResource())).encoded()));

        assertThat(received()).containsExactly(expected.split("; *"));
    }

    @Test
    void countsEveryRecordByPolicyAndDecisionAsOtelcol() {
        SignalProcessor<Logs> sampler = processor("{sampling_percentage: 50, attribute_source: record, from_attribute: user.id}");

        sampler.consume(Logs.of(List.of(labResource())));

        assertThat(telemetry.scrape())
                .contains("otelcol_processor_probabilistic_sampler_count_logs_sampled_total{policy=\"user.id\",sampled=\"true\"} 1.0")
                .contains("otelcol_processor_probabilistic_sampler_count_logs_sampled_total{policy=\"user.id\",sampled=\"false\"} 9.0")
                .contains("otelcol_processor_probabilistic_sampler_count_logs_sampled_total{policy=\"missing_randomness\",sampled=\"false\"} 20.0")
                .contains("otelcol_processor_incoming_items_total{otel_signal=\"logs\",processor=\"probabilistic_sampler\"} 30.0")
                .contains("otelcol_processor_outgoing_items_total{otel_signal=\"logs\",processor=\"probabilistic_sampler\"} 1.0")
                .doesNotContain("count_traces_sampled");
    }

    @Test
    void aBatchWhoseRecordsAreAllKeptAsTheyCamePassesOnAsTheSameLogs() throws Exception {
        SignalProcessor<Logs> sampler = processor("{sampling_percentage: 100, mode: equalizing}");
        Logs batch = Logs.parse(Logs.of(List.of(TestLogs.resource("svc", TestLogs.scope("app", List.of(
                record("kept", "0102030405060708090a0b0c0d0e0f10", attribute("sampling.threshold", "0"))))))).encoded());

        sampler.consume(batch);

        assertThat(next.batches()).singleElement().isSameAs(batch);
    }

    @Test
    void nothingKeptCallsNoConsumer() {
        SignalProcessor<Logs> sampler = processor("{sampling_percentage: 0}");

        sampler.consume(Logs.of(List.of(labResource())));

        assertThat(next.batches()).isEmpty();
    }

    @Test
    void isAProcessorOfTracesAndLogsAsOtelcol() {
        assertThat(new ProbabilisticSamplerFactory().signals()).containsExactlyInAnyOrder(Signal.TRACES, Signal.LOGS);
    }

    /** The records of the otelcol lab run, in order, under one resource and scope. */
    private static ResourceLogs labResource() {
        List<LogRecord> records = new ArrayList<>();
        List<String> traceIds = List.of("00a675f884800c3280dc348436b98e4b", "0102030405060708090a0b0c0d0e0f10",
                "ffffffffffffffffff00000000000000", "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "11111111111111111111111111111111",
                "deadbeefdeadbeefdeadbeefdeadbeef", "0000000000000000000000000000002a", "c0ffee00c0ffee00c0ffee00c0ffee00");
        for (int i = 0; i < traceIds.size(); i++) {
            records.add(record("t" + i, traceIds.get(i), attribute("k", "v")));
        }
        for (int i = 0; i < 8; i++) {
            records.add(record("u" + i, null, attribute("user.id", "user-" + i)));
        }
        records.add(record("ubytes", null, attribute("user.id", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})))));
        records.add(record("uint", null, attribute("user.id", AnyValue.newBuilder().setIntValue(12345))));
        records.add(record("uempty", null, attribute("user.id", "")));
        records.add(record("none", null));
        records.add(record("rv-c", null, attribute("sampling.randomness", "c0000000000000")));
        records.add(record("rv-1", null, attribute("sampling.randomness", "10000000000000")));
        String all = "ffffffffffffffffffffffffffffffff";
        records.add(record("th-8", all, attribute("sampling.threshold", "8")));
        records.add(record("th-bad", all, attribute("sampling.threshold", "zz")));
        records.add(record("th-incons", "00000000000000000000000000000000", attribute("sampling.randomness", "10000000000000"),
                attribute("sampling.threshold", "8"), attribute("z", "last")));
        records.add(record("prio-100", "0102030405060708090a0b0c0d0e0f10", attribute("prio", AnyValue.newBuilder().setIntValue(100))));
        records.add(record("prio-tiny", all, attribute("prio", AnyValue.newBuilder().setDoubleValue(0.5))));
        records.add(record("prio-neg", all, attribute("prio", AnyValue.newBuilder().setIntValue(-5))));
        records.add(record("prio-str", all, attribute("prio", "100")));
        records.add(record("prio-200", "0102030405060708090a0b0c0d0e0f10", attribute("prio", AnyValue.newBuilder().setIntValue(200))));
        return TestLogs.resource("lab", TestLogs.scope("lab", records));
    }

    private static LogRecord record(String body, String traceId, KeyValue... attributes) {
        LogRecord.Builder record = LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue(body)).addAllAttributes(List.of(attributes));
        if (traceId != null) {
            record.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)));
        }
        return record.build();
    }

    /** Each received record as {@code body [key=value, ...]}; bytes in hex, numbers as Java prints them. */
    private List<String> received() {
        return next.batches().stream().flatMap(batch -> batch.resourceLogs().stream())
                .flatMap(resource -> resource.getScopeLogsList().stream())
                .flatMap(scope -> scope.getLogRecordsList().stream())
                .map(record -> record.getBody().getStringValue() + " " + record.getAttributesList().stream()
                        .map(a -> a.getKey() + "=" + text(a.getValue())).collect(Collectors.joining(", ", "[", "]")))
                .toList();
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> HexFormat.of().formatHex(value.getBytesValue().toByteArray());
            default -> value.getStringValue();
        };
    }

    private SignalProcessor<Logs> processor(String yaml) {
        ProbabilisticSamplerConfig config = Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "processors::probabilistic_sampler",
                ProbabilisticSamplerConfig.class, ProbabilisticSamplerConfig.DEFAULT);
        return new ProbabilisticSamplerFactory().create(TestContext.of("probabilistic_sampler").telemetry(telemetry).build(), config,
                Signal.LOGS, next);
    }
}
