package io.tributary.core.component;

import io.tributary.core.data.Signal;
import java.util.Locale;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * otelcol's component fields on a log line, as its service attaches them to each component's
 * logger: {@code otelcol.component.id}, {@code otelcol.component.kind} and, but for extensions,
 * {@code otelcol.signal}.
 */
public final class ComponentLog {
    private ComponentLog() {
    }

    /** {@code event} with the fields of component {@code id} of {@code kind}, e.g. {@code ComponentLog.of(log.atInfo(), Kind.RECEIVER, id)}; its signal traces. */
    public static LoggingEventBuilder of(LoggingEventBuilder event, Kind kind, ComponentId id) {
        return of(event, kind, id, Signal.TRACES);
    }

    /** As {@link #of(LoggingEventBuilder, Kind, ComponentId)}, for the part of a component that carries {@code signal}. */
    public static LoggingEventBuilder of(LoggingEventBuilder event, Kind kind, ComponentId id, Signal<?> signal) {
        event.addKeyValue("otelcol.component.id", id.toString())
                .addKeyValue("otelcol.component.kind", kind.name().toLowerCase(Locale.ROOT));
        return kind == Kind.EXTENSION ? event : event.addKeyValue("otelcol.signal", signal.id());
    }
}
