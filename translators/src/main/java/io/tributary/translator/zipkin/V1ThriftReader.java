package io.tributary.translator.zipkin;

import com.google.protobuf.ByteString;
import com.twitter.zipkin.thriftjava.Annotation;
import com.twitter.zipkin.thriftjava.AnnotationType;
import com.twitter.zipkin.thriftjava.BinaryAnnotation;
import com.twitter.zipkin.thriftjava.Endpoint;
import com.twitter.zipkin.thriftjava.Span;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryInputTransport;

/**
 * Zipkin v1 Thrift ({@code application/x-thrift}: a binary-protocol list of zipkincore spans) into
 * {@link V1Span}s, read as otelcol reads it: the list's element type is not checked and bytes after
 * its last span are ignored; a binary annotation keeps the type its {@code annotation_type} gives
 * (numbers read from their big-endian bytes, {@code I16} and {@code I32} unsigned, {@code BYTES} in
 * base64, a number too short for its type as a {@code <...>} message); an endpoint's addresses are
 * written as Go writes IPs, its port unsigned as Zipkin defines it. An all-zero trace or span ID
 * refuses the body (otelcol forwards it).
 */
final class V1ThriftReader {
    private V1ThriftReader() {
    }

    /** @throws IllegalArgumentException when the body is not such a list or an ID is all zeros */
    static List<V1Span> read(byte[] body) {
        ThriftBounds.check(body);
        try {
            TConfiguration limits = new TConfiguration(Math.max(1, body.length),
                    TConfiguration.DEFAULT_MAX_FRAME_SIZE, TConfiguration.DEFAULT_RECURSION_DEPTH);
            TProtocol protocol = new TBinaryProtocol(new TMemoryInputTransport(limits, body));
            TList list = protocol.readListBegin();
            List<V1Span> spans = new ArrayList<>();
            for (int i = 0; i < list.size; i++) {
                Span span = new Span();
                span.read(protocol);
                spans.add(span(span));
            }
            return spans;
        } catch (TException | RuntimeException e) {
            throw new IllegalArgumentException("not Zipkin v1 Thrift: " + e.getMessage(), e);
        }
    }

    private static V1Span span(Span span) {
        ByteString traceId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(span.getTrace_id_high()).putLong(span.getTrace_id()).array());
        ByteString parentId = span.isSetParent_id() && span.getParent_id() != 0 ? spanId(span.getParent_id()) : ByteString.EMPTY;
        List<V1Span.Annotation> annotations = new ArrayList<>();
        if (span.getAnnotations() != null) {
            for (Annotation annotation : span.getAnnotations()) {
                annotations.add(new V1Span.Annotation(annotation.getTimestamp(), text(annotation.getValue()), endpoint(annotation.getHost())));
            }
        }
        List<V1Span.BinaryAnnotation> binaryAnnotations = new ArrayList<>();
        if (span.getBinary_annotations() != null) {
            for (BinaryAnnotation annotation : span.getBinary_annotations()) {
                Endpoint host = annotation.getHost();
                binaryAnnotations.add(new V1Span.BinaryAnnotation(text(annotation.getKey()), value(annotation),
                        host == null ? null : text(host.getService_name())));
            }
        }
        return new V1Span(ZipkinTranslator.nonZero(traceId), ZipkinTranslator.nonZero(spanId(span.getId())), parentId,
                text(span.getName()), span.isSetTimestamp() ? span.getTimestamp() : null, span.getDuration(),
                annotations, binaryAnnotations);
    }

    private static ByteString spanId(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /**
     * zipkincore's port is an i16 that Zipkin reads unsigned; otelcol widens it signed, so that its
     * ports above 32767 are negative.
     */
    private static V1Span.Endpoint endpoint(Endpoint endpoint) {
        if (endpoint == null) {
            return null;
        }
        String ipv4 = endpoint.getIpv4() == 0 ? "" : GoIp.format(ByteBuffer.allocate(4).putInt(endpoint.getIpv4()).array());
        byte[] ipv6 = endpoint.getIpv6();
        return new V1Span.Endpoint(text(endpoint.getService_name()), ipv4, ipv6 == null || ipv6.length == 0 ? "" : GoIp.format(ipv6),
                Short.toUnsignedInt(endpoint.getPort()));
    }

    /**
     * The value as its type says; zipkincore's generated reader leaves an unknown type as no type,
     * which Go reads as the zero type, {@code BOOL}.
     */
    private static AnyValue value(BinaryAnnotation annotation) {
        byte[] raw = annotation.getValue() == null ? new byte[0] : annotation.getValue();
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        AnnotationType type = annotation.getAnnotation_type() == null ? AnnotationType.BOOL : annotation.getAnnotation_type();
        AnyValue.Builder value = AnyValue.newBuilder();
        return switch (type) {
            case BOOL -> value.setBoolValue(bytes.remaining() == 1 && bytes.get(0) == 1).build();
            case BYTES -> value.setStringValue(Base64.getEncoder().encodeToString(raw)).build();
            case STRING -> value.setStringValue(new String(raw, StandardCharsets.UTF_8)).build();
            case I16 -> bytes.remaining() < 2 ? tooShort() : value.setIntValue(Short.toUnsignedLong(bytes.getShort())).build();
            case I32 -> bytes.remaining() < 4 ? tooShort() : value.setIntValue(Integer.toUnsignedLong(bytes.getInt())).build();
            case I64 -> bytes.remaining() < 8 ? tooShort() : value.setIntValue(bytes.getLong()).build();
            case DOUBLE -> bytes.remaining() < 8 ? tooShort() : value.setDoubleValue(bytes.getDouble()).build();
        };
    }

    private static AnyValue tooShort() {
        return TagValues.string("<not enough bytes representing the number>");
    }
}
