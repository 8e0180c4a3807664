package io.tributary.core.data;

/** The bytes are not a valid OTLP {@code ExportTraceServiceRequest}; the message says why and where. */
public final class InvalidOtlpException extends Exception {
    public InvalidOtlpException(String message) {
        super(message);
    }
}
