package io.tributary.receiver.configgrpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.tributary.core.client.ClientInfo;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes each call's {@link ClientInfo} as configgrpc does: the peer's address always; with
 * {@code include_metadata}, the call's ASCII metadata and {@code :authority}, also as
 * {@code host} when the call sends none. Handlers read it with {@link #current()}.
 */
public final class ClientInfoInterceptor implements ServerInterceptor {
    private static final Context.Key<ClientInfo> CLIENT = Context.key("tributary.client");

    private final boolean includeMetadata;

    ClientInfoInterceptor(boolean includeMetadata) {
        this.includeMetadata = includeMetadata;
    }

    /** The client of the call this thread serves; {@link ClientInfo#NONE} outside a call. */
    public static ClientInfo current() {
        ClientInfo client = CLIENT.get();
        return client == null ? ClientInfo.NONE : client;
    }

    /** The current call's context, its client changed: for the interceptors that run after this one. */
    static Context withClient(ClientInfo client) {
        return Context.current().withValue(CLIENT, client);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        ClientInfo client = ClientInfo.of(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        if (includeMetadata) {
            client = client.withMetadata(metadata(headers, call.getAuthority()));
        }
        return Contexts.interceptCall(withClient(client), call, headers, next);
    }

    private static Map<String, List<String>> metadata(Metadata headers, String authority) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (String name : headers.keys()) {
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                continue;
            }
            for (String value : headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))) {
                entries.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        }
        if (authority != null) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(":authority", authority));
            if (!headers.containsKey(Metadata.Key.of("host", Metadata.ASCII_STRING_MARSHALLER))) {
                entries.add(new AbstractMap.SimpleImmutableEntry<>("host", authority));
            }
        }
        return ClientInfo.metadata(entries);
    }
}
