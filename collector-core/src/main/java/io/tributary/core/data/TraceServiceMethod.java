package io.tributary.core.data;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.protobuf.ProtoUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The OTLP/gRPC trace {@code Export} method. opentelemetry-proto ships no gRPC stubs, so it is
 * built here, once, with the request marshaller left to each side: the receiver keeps the request
 * encoded, the exporter sends a batch's bytes, tests and the load tools pick what suits them.
 */
public final class TraceServiceMethod {
    public static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

    private TraceServiceMethod() {
    }

    public static <Q> MethodDescriptor<Q, ExportTraceServiceResponse> export(Marshaller<Q> requests) {
        return MethodDescriptor.<Q, ExportTraceServiceResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
                .setRequestMarshaller(requests)
                .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                .build();
    }
}
