package io.tributary.translator.zipkin;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * A v1 span's status from its binary annotations, as otelcol's v1 mapping reads it: OpenCensus's
 * {@code census.status_code} (0 is OK, anything else ERROR) before a numeric
 * {@code otel.status_code} (taken as the code it is) before an {@code error} annotation (ERROR,
 * whatever its value) before {@code http.status_code} (ERROR from 400 and below 100). The status
 * and error annotations are consumed, even when their value is unusable ({@code otel.status_code:
 * Error} leaves no status); the HTTP ones stay attributes.
 */
final class V1Status {
    private Integer censusCode;
    private String censusMessage = "";
    private Integer statusCode;
    private String statusMessage = "";
    private boolean error;
    private Integer httpCode;
    private String httpMessage = "";

    /** @return whether the annotation was consumed, so that it is no attribute */
    boolean read(String key, AnyValue value) {
        switch (key) {
            case "census.status_code" -> {
                Integer code = code(value);
                if (code != null) {
                    censusCode = code == 0 ? Status.StatusCode.STATUS_CODE_OK_VALUE : Status.StatusCode.STATUS_CODE_ERROR_VALUE;
                }
                return true;
            }
            case "census.status_description", "opencensus.status_description" -> {
                censusMessage = value.getStringValue();
                return true;
            }
            case ZipkinTranslator.STATUS_CODE -> {
                Integer code = code(value);
                if (code != null) {
                    statusCode = code;
                }
                return true;
            }
            case ZipkinTranslator.STATUS_DESCRIPTION -> {
                statusMessage = value.getStringValue();
                return true;
            }
            case ZipkinTranslator.ERROR -> {
                error = true;
                return true;
            }
            case "http.status_code" -> {
                Integer code = code(value);
                if (code != null) {
                    httpCode = code >= 100 && code < 400 ? Status.StatusCode.STATUS_CODE_UNSET_VALUE : Status.StatusCode.STATUS_CODE_ERROR_VALUE;
                }
                return false;
            }
            case "http.status_message" -> {
                httpMessage = value.getStringValue();
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** The status the annotations read gave, or null when none did. */
    Status status() {
        if (censusCode != null) {
            return status(censusCode, censusMessage);
        }
        if (statusCode != null) {
            return status(statusCode, statusMessage);
        }
        if (error) {
            return status(Status.StatusCode.STATUS_CODE_ERROR_VALUE, censusMessage.isEmpty() ? statusMessage : censusMessage);
        }
        if (httpCode != null) {
            return status(httpCode, httpMessage);
        }
        return null;
    }

    private static Status status(int code, String message) {
        return Status.newBuilder().setCodeValue(code).setMessage(message).build();
    }

    /** An int, or a string of a decimal int, within 32 bits; null otherwise. */
    private static Integer code(AnyValue value) {
        long code;
        if (value.hasIntValue()) {
            code = value.getIntValue();
        } else if (value.hasStringValue()) {
            try {
                code = Long.parseLong(value.getStringValue());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        } else {
            return null;
        }
        return code == (int) code ? (int) code : null;
    }
}
