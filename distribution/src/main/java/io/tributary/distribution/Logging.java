package io.tributary.distribution;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.tributary.core.telemetry.TelemetryConfig;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies {@code service.telemetry.logs} ({@code level}, {@code encoding}, {@code disable_caller},
 * {@code disable_stacktrace}, {@code development}, {@code initial_fields}) to Logback, and sends
 * {@code java.util.logging} there too.
 */
final class Logging {
    private Logging() {
    }

    static void apply(TelemetryConfig.Logs logs) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!SLF4JBridgeHandler.isInstalled()) {
            // grpc-java logs through java.util.logging: its lines take the same shape (one JSON object
            // per line stays true), and JUL's levels follow Logback's so a filtered line costs nothing.
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            LevelChangePropagator propagator = new LevelChangePropagator();
            propagator.setContext(context);
            propagator.setResetJUL(true);
            propagator.start();
            context.addListener(propagator);
        }
        root.setLevel(toLevel(logs.level()));
        if (root.getAppender("CONSOLE") instanceof ConsoleAppender<ILoggingEvent> console) {
            ZapEncoder encoder = new ZapEncoder(logs.encoding() == TelemetryConfig.Encoding.JSON, logs.disableCaller(),
                    logs.disableStacktrace(), logs.development(), logs.initialFields(), ZoneId.systemDefault());
            encoder.setContext(context);
            encoder.start();
            console.stop();
            console.setEncoder(encoder);
            console.start();
        }
    }

    /** zap's dpanic, panic and fatal have no Logback equivalent; they log as errors. */
    private static Level toLevel(TelemetryConfig.LogLevel level) {
        return switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
            case ERROR, DPANIC, PANIC, FATAL -> Level.ERROR;
        };
    }
}
