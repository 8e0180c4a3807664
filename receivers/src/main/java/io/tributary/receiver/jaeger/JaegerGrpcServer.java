package io.tributary.receiver.jaeger;

import io.grpc.stub.StreamObserver;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.net.SheddingExecutor;
import io.tributary.receiver.intake.ExportFailure;
import io.tributary.receiver.configgrpc.ClientInfoInterceptor;
import io.tributary.receiver.configgrpc.GrpcConfig;
import io.tributary.receiver.configgrpc.GrpcReceiverServer;
import io.tributary.translator.jaeger.JaegerProtoTranslator;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansRequest;
import io.tributary.translator.jaeger.apiv2.Collector.PostSpansResponse;
import io.tributary.translator.jaeger.apiv2.CollectorServiceGrpc;
import java.io.IOException;
import java.util.Optional;

/**
 * The Jaeger collector's gRPC port: {@code jaeger.api_v2.CollectorService/PostSpans} on grpc-java,
 * on the shared event loops, handlers on the worker pool. Refusals map as in the {@code otlp}
 * receiver: back-pressure is UNAVAILABLE (RESOURCE_EXHAUSTED for a full queue) with RetryInfo,
 * bad data INVALID_ARGUMENT.
 */
final class JaegerGrpcServer {
    private JaegerGrpcServer() {
    }

    static GrpcReceiverServer start(GrpcConfig config, String path, ComponentContext context, Host host, Delivery delivery)
            throws IOException {
        return GrpcReceiverServer.start(config, path, "Starting gRPC server for Jaeger Protobuf", context, host, new CollectorServiceGrpc.CollectorServiceImplBase() {
            @Override
            public void postSpans(PostSpansRequest request, StreamObserver<PostSpansResponse> response) {
                JaegerGrpcServer.postSpans(delivery, request, response);
            }
        }.bindService());
    }

    private static void postSpans(Delivery delivery, PostSpansRequest request, StreamObserver<PostSpansResponse> response) {
        if (SheddingExecutor.shedding()) {
            response.onError(ExportFailure.BUSY.toGrpc());
            return;
        }
        Traces traces;
        try {
            traces = JaegerProtoTranslator.toTraces(request.getBatch());
        } catch (RuntimeException e) {
            delivery.undecodable("untranslatable Jaeger PostSpans request", e);
            response.onError(ExportFailure.invalid(e.getMessage()).toGrpc());
            return;
        }
        Optional<ExportFailure> refusal = delivery.deliver(traces, ClientInfoInterceptor.current());
        if (refusal.isEmpty()) {
            response.onNext(PostSpansResponse.getDefaultInstance());
            response.onCompleted();
        } else {
            response.onError(refusal.get().toGrpc());
        }
    }
}
