package io.tributary.receiver.configgrpc;

import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.core.client.AuthData;
import io.tributary.core.net.SheddingExecutor;
import io.tributary.core.net.auth.AuthenticationException;
import io.tributary.core.net.auth.ServerAuthenticator;
import io.tributary.receiver.intake.ExportFailure;

/**
 * Checks a call's metadata before grpc-java reads its message, as configgrpc's auth interceptor
 * does: a refused call ends UNAUTHENTICATED with the reason and never reaches a handler, so it
 * is counted nowhere. What the authenticator learns joins the call's client, which
 * {@link ClientInfoInterceptor} made before. Runs on the worker pool; a call the full pool sheds is refused BUSY here,
 * since letting it through unchecked would let its message be handled without credentials.
 */
final class AuthInterceptor implements ServerInterceptor {
    private final ServerAuthenticator authenticator;

    AuthInterceptor(ServerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (SheddingExecutor.shedding()) {
            StatusRuntimeException busy = ExportFailure.BUSY.toGrpc();
            return refuse(call, busy.getStatus(), busy.getTrailers());
        }
        AuthData auth;
        try {
            auth = authenticator.authenticate(name -> name.endsWith(Metadata.BINARY_HEADER_SUFFIX)
                    ? null : headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER)));
        } catch (AuthenticationException e) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
        }
        if (auth == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(ClientInfoInterceptor.withClient(ClientInfoInterceptor.current().withAuth(auth)),
                call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, Metadata trailers) {
        call.close(status, trailers);
        return new ServerCall.Listener<>() {
        };
    }
}
