package io.tributary.exporter.net;

import com.google.protobuf.Message;
import io.tributary.core.data.Signal;
import org.slf4j.Logger;

/**
 * An OTLP export response's {@code partial_success}, which every signal's response has in field 1
 * with the rejected count in field 1 and the message in field 2: read once for all signals, and
 * logged as otelcol's OTLP exporters log it.
 */
public final class PartialSuccess {
    private static final int PARTIAL_SUCCESS = 1;
    private static final int REJECTED = 1;
    private static final int ERROR_MESSAGE = 2;

    private PartialSuccess() {
    }

    /**
     * Logs a warning when {@code response} (the export response of {@code signal}) says the
     * backend rejected some items or has a message: otelcol's "Partial success response" with
     * {@code message} and {@code dropped_spans}, {@code dropped_data_points} or
     * {@code dropped_log_records}.
     */
    public static void warnIfAny(Logger log, Signal<?> signal, Message response) {
        Message partial = partial(response);
        long rejected = (Long) field(partial, REJECTED);
        String message = (String) field(partial, ERROR_MESSAGE);
        if (rejected != 0 || !message.isEmpty()) {
            log.atWarn().addKeyValue("message", message).addKeyValue(droppedKey(signal), rejected).log("Partial success response");
        }
    }

    /** The items {@code response}, any signal's export response, says were rejected: 0 without a {@code partial_success}. */
    public static long rejected(Message response) {
        return (Long) field(partial(response), REJECTED);
    }

    /** The response's {@code partial_success}, its default instance when unset. */
    private static Message partial(Message response) {
        return (Message) field(response, PARTIAL_SUCCESS);
    }

    private static Object field(Message message, int number) {
        return message.getField(message.getDescriptorForType().findFieldByNumber(number));
    }

    private static String droppedKey(Signal<?> signal) {
        return signal == Signal.TRACES ? "dropped_spans" : signal == Signal.METRICS ? "dropped_data_points" : "dropped_log_records";
    }
}
