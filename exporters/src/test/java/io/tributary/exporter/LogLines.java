package io.tributary.exporter;

import ch.qos.logback.classic.spi.ILoggingEvent;

/** Log events as tests read them. */
public final class LogLines {
    private LogLines() {
    }

    /** The message and its key-value fields, as {@code key=value}: what the zap encoder writes as fields. */
    public static String withFields(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> line.append(' ').append(pair.key).append('=').append(pair.value));
        }
        return line.toString();
    }
}
