package io.tributary.core.data;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.protobuf.ProtoUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The OTLP/gRPC trace {@code Export} method, typed by its response. opentelemetry-proto ships no
 * gRPC stubs, so it is built here, once, with the request marshaller left to each side: the
 * receiver keeps the request encoded, the exporter sends a batch's bytes, tests and the load
 * tools pick what suits them. Every signal's method is built the same way
 * ({@link Signal#exportMethod}).
 */
public final class TraceServiceMethod {
    public static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

    private TraceServiceMethod() {
    }

    public static <Q> MethodDescriptor<Q, ExportTraceServiceResponse> export(Marshaller<Q> requests) {
        return export(SERVICE, requests, ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()));
    }

    static <Q, R> MethodDescriptor<Q, R> export(String service, Marshaller<Q> requests, Marshaller<R> responses) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(requests)
                .setResponseMarshaller(responses)
                .build();
    }
}
