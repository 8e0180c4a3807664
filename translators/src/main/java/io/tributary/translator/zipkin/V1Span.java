package io.tributary.translator.zipkin;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.List;

/**
 * A Zipkin v1 span as read from either v1 encoding (JSON by {@link V1JsonReader}, Thrift by
 * {@link V1ThriftReader}), for the one v1 mapping of {@link ZipkinV1Translator}. Where the two
 * encodings say "absent" differently, the readers settle it as otelcol reads each.
 *
 * @param traceId   16 bytes (a 64-bit ID left-padded with zeros)
 * @param parentId  8 bytes, or empty for a root span
 * @param timestamp microseconds, null when the span has none
 * @param duration  microseconds, 0 when absent
 */
record V1Span(ByteString traceId, ByteString spanId, ByteString parentId, String name, Long timestamp, long duration,
        List<Annotation> annotations, List<BinaryAnnotation> binaryAnnotations) {

    /** An annotation with an empty value is one otelcol skips, as if it were absent. */
    record Annotation(long timestamp, String value, Endpoint endpoint) {
    }

    /**
     * @param value       typed as the encoding typed it (JSON: a string, or a bool or number where Zipkin v1 allows one)
     * @param serviceName the service the annotation's endpoint names, for a span no core annotation names one; null
     *                    when the annotation says nothing of it (JSON: no endpoint or an empty name; Thrift: no endpoint,
     *                    an endpoint without a name is the empty name)
     */
    record BinaryAnnotation(String key, AnyValue value, String serviceName) {
    }

    /** Addresses as text ({@code ""} when absent); the port as the encoding holds it, 0 when absent. */
    record Endpoint(String serviceName, String ipv4, String ipv6, int port) {
    }
}
