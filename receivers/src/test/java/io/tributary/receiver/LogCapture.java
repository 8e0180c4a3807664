package io.tributary.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Records what the receivers log while it is open. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger receivers = (Logger) LoggerFactory.getLogger("io.tributary.receiver");

    public LogCapture() {
        events.start();
        receivers.addAppender(events);
    }

    /** The key-value fields, in order, of the one INFO event logged as {@code message}. */
    public Map<String, Object> infoFields(String message) {
        List<ILoggingEvent> matching = events.list.stream().filter(e -> e.getFormattedMessage().equals(message)).toList();
        assertThat(matching).as("events logged as '%s'", message).hasSize(1);
        assertThat(matching.get(0).getLevel()).hasToString("INFO");
        Map<String, Object> fields = new LinkedHashMap<>();
        matching.get(0).getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        return fields;
    }

    /** The messages logged at WARN, in order. */
    public List<String> warnings() {
        return events.list.stream().filter(e -> e.getLevel().toString().equals("WARN")).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        receivers.detachAppender(events);
    }
}
