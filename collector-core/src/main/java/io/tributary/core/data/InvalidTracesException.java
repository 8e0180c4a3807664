package io.tributary.core.data;

/** The bytes are not a valid OTLP {@code ExportTraceServiceRequest}; the message says why and where. */
public final class InvalidTracesException extends Exception {
    public InvalidTracesException(String message) {
        super(message);
    }
}
