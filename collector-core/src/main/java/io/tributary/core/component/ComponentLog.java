package io.tributary.core.component;

import java.util.Locale;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * otelcol's component fields on a log line, as its service attaches them to each component's
 * logger: {@code otelcol.component.id}, {@code otelcol.component.kind} and, but for extensions,
 * {@code otelcol.signal} (always {@code traces} here).
 */
public final class ComponentLog {
    private ComponentLog() {
    }

    /** {@code event} with the fields of component {@code id} of {@code kind}, e.g. {@code ComponentLog.of(log.atInfo(), Kind.RECEIVER, id)}. */
    public static LoggingEventBuilder of(LoggingEventBuilder event, Kind kind, ComponentId id) {
        event.addKeyValue("otelcol.component.id", id.toString())
                .addKeyValue("otelcol.component.kind", kind.name().toLowerCase(Locale.ROOT));
        return kind == Kind.EXTENSION ? event : event.addKeyValue("otelcol.signal", "traces");
    }
}
