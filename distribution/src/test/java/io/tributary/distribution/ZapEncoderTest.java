package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.core.telemetry.TelemetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real Logback events through the encoder, read back as otelcol's log tooling would. */
class ZapEncoderTest {
    private static final String TS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}";

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    /** A logger of a private Logback context writing through {@code encoder} into {@link #written}. */
    private Logger logger(ZapEncoder encoder) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        Logger logger = context.getLogger(ZapEncoderTest.class);
        logger.addAppender(appender);
        return logger;
    }

    private static ZapEncoder json() {
        return new ZapEncoder(true, false, false, false, Map.of(), ZoneOffset.UTC);
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private JsonObject onlyJsonLine() {
        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        return JsonParser.parseString(lines.get(0)).getAsJsonObject();
    }

    @Test
    void jsonHasOtelcolKeysRenderedMessageAndFieldsAsTopLevelKeys() {
        logger(json()).atInfo()
                .addKeyValue("otelcol.component.id", "otlp")
                .addKeyValue("otelcol.component.kind", "receiver")
                .addKeyValue("endpoint", "0.0.0.0:4317")
                .addKeyValue("port", 4317)
                .log("Starting {} server", "GRPC");

        JsonObject line = onlyJsonLine();
        assertThat(line.keySet()).containsExactly(
                "level", "ts", "caller", "msg", "otelcol.component.id", "otelcol.component.kind", "endpoint", "port");
        assertThat(line.get("level").getAsString()).isEqualTo("info");
        assertThat(line.get("ts").getAsString()).matches(TS + "Z");
        assertThat(line.get("caller").getAsString()).matches("distribution/ZapEncoderTest\\.java:\\d+");
        assertThat(line.get("msg").getAsString()).isEqualTo("Starting GRPC server");
        assertThat(line.get("otelcol.component.id").getAsString()).isEqualTo("otlp");
        assertThat(line.get("otelcol.component.kind").getAsString()).isEqualTo("receiver");
        assertThat(line.get("endpoint").getAsString()).isEqualTo("0.0.0.0:4317");
        assertThat(line.get("port").getAsJsonPrimitive().isNumber()).isTrue();
        assertThat(line.get("port").getAsInt()).isEqualTo(4317);
    }

    @Test
    void exceptionBecomesErrorFieldAndErrorLevelCarriesAStacktrace() {
        logger(json()).error("Exporting failed. Dropping data.", new IOException("connection refused: 127.0.0.1:4317"));

        JsonObject line = onlyJsonLine();
        assertThat(line.get("level").getAsString()).isEqualTo("error");
        assertThat(line.get("msg").getAsString()).isEqualTo("Exporting failed. Dropping data.");
        assertThat(line.get("error").getAsString()).isEqualTo("connection refused: 127.0.0.1:4317");
        assertThat(line.get("stacktrace").getAsString())
                .startsWith("java.io.IOException: connection refused: 127.0.0.1:4317")
                .contains("ZapEncoderTest.exceptionBecomesErrorFieldAndErrorLevelCarriesAStacktrace");
    }

    @Test
    void belowErrorLevelNoStacktraceAndAnExceptionWithoutMessageIsNamedByItsType() {
        logger(json()).warn("Cannot reload", new IllegalStateException());

        JsonObject line = onlyJsonLine();
        assertThat(line.get("level").getAsString()).isEqualTo("warn");
        assertThat(line.get("error").getAsString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.has("stacktrace")).isFalse();
    }

    @Test
    void escapesQuotesBackslashesControlCharactersAndKeepsUnicode() {
        String tricky = "say \"hi\"\\ \n\r\t\u0001\u001f é ✓ 😀 end";
        logger(json()).atInfo().addKeyValue("key \"q\"", tricky).log("{}", tricky);

        String raw = lines().get(0);
        assertThat(raw).contains("\\u0001", "\\u001f").doesNotContain("\u0001");
        JsonObject line = JsonParser.parseString(raw).getAsJsonObject();
        assertThat(line.get("msg").getAsString()).isEqualTo(tricky);
        assertThat(line.get("key \"q\"").getAsString()).isEqualTo(tricky);
    }

    @Test
    void aNullMessageIsAnEmptyOne() {
        logger(json()).info(null);

        assertThat(onlyJsonLine().get("msg").getAsString()).isEmpty();
    }

    @Test
    void loneSurrogateBecomesReplacementCharacter() {
        logger(json()).info("broken \ud800 pair");

        assertThat(onlyJsonLine().get("msg").getAsString()).isEqualTo("broken \ufffd pair");
    }

    @Test
    void consoleIsTabSeparatedWithSpacedJsonFields() {
        ZapEncoder console = new ZapEncoder(false, false, false, false, Map.of(), ZoneId.of("+02:00"));
        Logger logger = logger(console);
        logger.atInfo().addKeyValue("endpoint", "[::]:4318").addKeyValue("otelcol.component.id", "otlp").log("Starting HTTP server");
        logger.info("Everything is ready. Begin running and processing data.");

        List<String> lines = lines();
        assertThat(lines.get(0)).matches(TS + "\\+0200\tinfo\tdistribution/ZapEncoderTest\\.java:\\d+\tStarting HTTP server\t"
                + "\\{\"endpoint\": \"\\[::\\]:4318\", \"otelcol.component.id\": \"otlp\"}");
        assertThat(lines.get(1)).matches(TS + "\\+0200\tinfo\tdistribution/ZapEncoderTest\\.java:\\d+\t"
                + "Everything is ready\\. Begin running and processing data\\.");
    }

    @Test
    void disableCallerDisableStacktraceAndInitialFieldsApply() {
        ZapEncoder encoder = new ZapEncoder(true, true, true, false, Map.of("region", "eu"), ZoneOffset.UTC);
        logger(encoder).atError().addKeyValue("dropped_items", 5).log("Exporting failed. Dropping data.");

        JsonObject line = onlyJsonLine();
        assertThat(line.keySet()).containsExactly("level", "ts", "msg", "region", "dropped_items");
        assertThat(line.get("region").getAsString()).isEqualTo("eu");
    }

    @Test
    void developmentModeAddsStacktracesFromWarnOn() {
        ZapEncoder encoder = new ZapEncoder(true, false, false, true, Map.of(), ZoneOffset.UTC);
        logger(encoder).warn("slow");

        assertThat(onlyJsonLine().get("stacktrace").getAsString()).contains("ZapEncoderTest.developmentModeAddsStacktracesFromWarnOn");
    }

    @Test
    void loggingApplyInstallsTheEncoderOfTheConfiguredEncoding() {
        LoggerContext global = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        var console = (OutputStreamAppender<ILoggingEvent>) global.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        var event = new LoggingEvent("fqcn", global.getLogger("x"), Level.INFO, "hello {}", null, new Object[] {"world"});
        TelemetryConfig.Logs json = new TelemetryConfig.Logs(TelemetryConfig.LogLevel.INFO, TelemetryConfig.Encoding.JSON,
                false, false, false, null, null, null, Map.of(), null, false);
        try {
            Logging.apply(json);
            String encoded = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
            assertThat(JsonParser.parseString(encoded).getAsJsonObject().get("msg").getAsString()).isEqualTo("hello world");
        } finally {
            Logging.apply(TelemetryConfig.Logs.DEFAULT);
        }
        assertThat(new String(console.getEncoder().encode(event), StandardCharsets.UTF_8)).matches(TS + "\\S*\tinfo\t.*hello world\n");
    }

    @Test
    void javaUtilLoggingGoesThroughTheSameEncoderAtLogbacksLevels() {
        Logger grpc = (Logger) org.slf4j.LoggerFactory.getLogger("io.grpc.internal.Test");
        ListAppender<ILoggingEvent> received = new ListAppender<>();
        received.start();
        grpc.addAppender(received);
        TelemetryConfig.Logs warn = new TelemetryConfig.Logs(TelemetryConfig.LogLevel.WARN, null,
                false, false, false, null, null, null, Map.of(), null, false);
        try {
            Logging.apply(warn);
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.grpc.internal.Test");
            jul.info("filtered out at warn");
            jul.warning("Failed to resolve name");

            assertThat(received.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("Failed to resolve name");
            assertThat(jul.isLoggable(java.util.logging.Level.INFO)).isFalse();
        } finally {
            grpc.detachAppender(received);
            Logging.apply(TelemetryConfig.Logs.DEFAULT);
        }
    }
}
