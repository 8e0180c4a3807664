package io.tributary.exporter.loadbalancing;

import io.tributary.core.data.SpanRouter;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Cuts a batch into one part per backend with {@link Traces#route}, each span (or, by service,
 * each resource that names its service) going where the ring puts its key. A batch that goes
 * whole to one backend is passed on as it came, keeping its client.
 */
final class BackendRouting {
    private static final byte[] SERVICE_NAME = "service.name".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_TRACE_ID = new byte[0];
    private static final byte[] NO_SERVICE_NAME = new byte[0];

    private BackendRouting() {
    }

    /**
     * @param owner the ring's lookup: routing key bytes to endpoint
     * @return parts by endpoint, in first-seen order
     */
    static Map<String, Traces> byBackend(Traces traces, RoutingKey key, Function<byte[], String> owner) {
        Map<String, Traces> parts = traces.route(key == RoutingKey.SERVICE ? new ByService(owner) : new ByTraceId(owner));
        return parts.size() == 1 ? Map.of(parts.keySet().iterator().next(), traces) : parts;
    }

    /**
     * otelcol's key for {@code routing_key: service}, which it takes per trace of each scope (as it
     * splits a batch): the resource's {@code service.name}; without one, the scope's; without one,
     * that of the trace's first span in the scope; without any, the empty key. A value that is not
     * a string is the empty key too. A resource with a {@code service.name} goes whole.
     */
    private static final class ByService implements SpanRouter<String> {
        private final Function<byte[], String> owner;
        /** The owner by the current scope's {@code service.name}, or null when it has none. */
        private String scopeOwner;
        /** The owner of each trace's spans in the current scope (its first span's), by trace ID. */
        private final Map<ByteBuffer, String> traceOwners = new HashMap<>();

        ByService(Function<byte[], String> owner) {
            this.owner = owner;
        }

        @Override
        public String resource(byte[] buf, int from, int to) {
            byte[] name = serviceName(buf, from, to, Schema.ResourceEntry.RESOURCE, Schema.Resource.ATTRIBUTES);
            return name == null ? null : owner.apply(name);
        }

        @Override
        public void scope(byte[] buf, int from, int to) {
            byte[] name = serviceName(buf, from, to, Schema.ScopeEntry.SCOPE, Schema.Scope.ATTRIBUTES);
            scopeOwner = name == null ? null : owner.apply(name);
            traceOwners.clear();
        }

        @Override
        public String span(byte[] buf, int from, int to) {
            if (scopeOwner != null) {
                return scopeOwner;
            }
            return traceOwners.computeIfAbsent(ByteBuffer.wrap(traceId(buf, from, to)), trace -> {
                Attributes.Value value = Attributes.find(buf, from, to, Schema.Span.ATTRIBUTES, SERVICE_NAME);
                return owner.apply(value == null ? NO_SERVICE_NAME : stringValue(buf, value));
            });
        }
    }

    /** Spans of one trace usually sit together: the ring is looked up once per run. */
    private static final class ByTraceId implements SpanRouter<String> {
        private final Function<byte[], String> owner;
        private byte[] lastTrace;
        private String lastOwner;

        ByTraceId(Function<byte[], String> owner) {
            this.owner = owner;
        }

        @Override
        public String resource(byte[] buf, int from, int to) {
            return null;
        }

        @Override
        public String span(byte[] buf, int from, int to) {
            byte[] traceId = traceId(buf, from, to);
            if (!Arrays.equals(traceId, lastTrace)) {
                lastTrace = traceId;
                lastOwner = owner.apply(traceId);
            }
            return lastOwner;
        }
    }

    private static byte[] traceId(byte[] buf, int from, int to) {
        WireCursor in = new WireCursor(buf, from, to);
        byte[] traceId = NO_TRACE_ID;
        while (in.more()) {
            int tag = in.tag();
            if (tag == Schema.lengthDelimited(Schema.Span.TRACE_ID)) {
                int end = in.lengthEnd();
                traceId = Arrays.copyOfRange(buf, in.pos(), end);
                in.pos(end);
            } else {
                in.skip(tag);
            }
        }
        return traceId;
    }

    /**
     * The {@code service.name} among the attributes of the message in field {@code field} of the
     * entry in [from, to) (a resource entry's resource, a scope entry's scope): null without one,
     * as otelcol then looks further; its string, or empty when it is not a string.
     */
    private static byte[] serviceName(byte[] buf, int from, int to, int field, int attributes) {
        WireCursor entry = new WireCursor(buf, from, to);
        while (entry.more()) {
            int tag = entry.tag();
            if (tag == Schema.lengthDelimited(field)) {
                int end = entry.lengthEnd();
                Attributes.Value value = Attributes.find(buf, entry.pos(), end, attributes, SERVICE_NAME);
                return value == null ? null : stringValue(buf, value);
            }
            entry.skip(tag);
        }
        return null;
    }

    /**
     * The bytes of the {@code AnyValue}'s string, or empty when it holds another kind (as pdata's
     * {@code Str()}; the last field read wins, as a oneof).
     */
    private static byte[] stringValue(byte[] buf, Attributes.Value value) {
        WireCursor in = new WireCursor(buf, value.from(), value.to());
        byte[] string = NO_SERVICE_NAME;
        while (in.more()) {
            int tag = in.tag();
            if (tag == Schema.lengthDelimited(Schema.AnyValue.STRING_VALUE)) {
                int end = in.lengthEnd();
                string = Arrays.copyOfRange(buf, in.pos(), end);
                in.pos(end);
            } else {
                in.skip(tag);
                string = NO_SERVICE_NAME;
            }
        }
        return string;
    }
}
