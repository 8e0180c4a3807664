package io.tributary.processor.resourcedetection;

/**
 * The platform a detector knows is not here: its metadata service did not answer, or answered
 * that it is not that platform. As in otelcol, such a detector contributes nothing and detection
 * goes on; it is no failure.
 */
final class PlatformAbsentException extends Exception {
    PlatformAbsentException(String message, Throwable cause) {
        super(message, cause);
    }
}
