package io.tributary.bench;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.protobuf.ProtoUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The OTLP trace {@code Export} method built by hand, so each side can pick a request marshaller
 * that avoids protobuf objects: the generator streams pre-encoded bytes, the null backend only
 * counts spans.
 */
final class TraceServiceMethod {
    static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

    private TraceServiceMethod() {
    }

    static <Q> MethodDescriptor<Q, ExportTraceServiceResponse> export(Marshaller<Q> requests) {
        return MethodDescriptor.<Q, ExportTraceServiceResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
                .setRequestMarshaller(requests)
                .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                .build();
    }
}
