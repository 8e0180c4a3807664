package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.core.client.AuthData;
import io.tributary.core.client.ClientInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@code from_context} reads from one batch's client, as otelcol's attraction reads
 * {@code client.Info}: {@code client.address}; {@code metadata.<key>}; {@code auth.<name>}; any
 * other key as a metadata key. Several values join with {@code ;}. Each key is looked up once
 * per batch, not once per span.
 */
final class ClientValues {
    private static final String METADATA = "metadata.";
    private static final String AUTH = "auth.";

    private final ClientInfo client;
    /** Null values are cached too: a key the client lacks stays absent for every span. */
    private final Map<String, AnyValue> looked = new HashMap<>(4);

    ClientValues(ClientInfo client) {
        this.client = client;
    }

    /** @return the value for {@code key}, or null when the client has none */
    AnyValue get(String key) {
        if (looked.containsKey(key)) {
            return looked.get(key);
        }
        AnyValue value = lookUp(key);
        looked.put(key, value);
        return value;
    }

    private AnyValue lookUp(String key) {
        List<String> values;
        if (key.equals("client.address")) {
            values = List.of(client.address());
        } else if (key.startsWith(METADATA)) {
            values = client.metadata(key.substring(METADATA.length()));
        } else if (key.startsWith(AUTH)) {
            AuthData auth = client.auth();
            Object attribute = auth == null ? null : auth.attribute(key.substring(AUTH.length()));
            if (attribute instanceof String text) {
                return string(text);
            }
            if (!(attribute instanceof List<?> list)) {
                return null;
            }
            values = list.stream().map(String::valueOf).toList();
        } else {
            values = client.metadata(key);
        }
        return values.isEmpty() ? null : string(String.join(";", values));
    }

    private static AnyValue string(String text) {
        return AnyValue.newBuilder().setStringValue(text).build();
    }
}
