package io.tributary.exporter.loadbalancing;

import io.tributary.core.data.SpanRouter;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Cuts a batch into one part per backend with {@link Traces#route}, each span (or, by service,
 * each resource) going where the ring puts its key. A batch that goes whole to one backend is
 * passed on as it came, keeping its client.
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
        Map<String, Traces> parts = traces.route(key == RoutingKey.SERVICE ? byService(owner) : new ByTraceId(owner));
        return parts.size() == 1 ? Map.of(parts.keySet().iterator().next(), traces) : parts;
    }

    private static SpanRouter<String> byService(Function<byte[], String> owner) {
        return new SpanRouter<>() {
            @Override
            public String resource(byte[] buf, int from, int to) {
                return owner.apply(serviceName(buf, from, to));
            }

            @Override
            public String span(byte[] buf, int from, int to) {
                throw new IllegalStateException("resources are routed whole by service");
            }
        };
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
    }

    /**
     * The string value of the resource's first {@code service.name} attribute (of the
     * {@code ResourceSpans} in [from, to)); empty when it is missing or not a string, as otelcol
     * then routes by the empty key.
     */
    private static byte[] serviceName(byte[] buf, int from, int to) {
        WireCursor entry = new WireCursor(buf, from, to);
        while (entry.more()) {
            int tag = entry.tag();
            if (tag == Schema.lengthDelimited(Schema.ResourceEntry.RESOURCE)) {
                int end = entry.lengthEnd();
                Attributes.Value value = Attributes.find(buf, entry.pos(), end, Schema.Resource.ATTRIBUTES, SERVICE_NAME);
                byte[] name = value == null ? null : stringValue(buf, value);
                return name == null ? NO_SERVICE_NAME : name;
            }
            entry.skip(tag);
        }
        return NO_SERVICE_NAME;
    }

    /** The bytes of the {@code AnyValue}'s string, or null when it holds another kind (the last field read wins, as a oneof). */
    private static byte[] stringValue(byte[] buf, Attributes.Value value) {
        WireCursor in = new WireCursor(buf, value.from(), value.to());
        byte[] string = null;
        while (in.more()) {
            int tag = in.tag();
            if (tag == Schema.lengthDelimited(Schema.AnyValue.STRING_VALUE)) {
                int end = in.lengthEnd();
                string = Arrays.copyOfRange(buf, in.pos(), end);
                in.pos(end);
            } else {
                in.skip(tag);
                string = null;
            }
        }
        return string;
    }
}
