package io.tributary.bench;

import io.jaegertracing.agent.thrift.Agent;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Log;
import io.jaegertracing.thriftjava.Process;
import io.jaegertracing.thriftjava.Span;
import io.jaegertracing.thriftjava.SpanRef;
import io.jaegertracing.thriftjava.SpanRefType;
import io.jaegertracing.thriftjava.Tag;
import io.jaegertracing.thriftjava.TagType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * What a Jaeger client library sends its agent: one service's {@code Batch} (process tags as the
 * Java client sets them, HTTP server, HTTP client and database spans, error logs, parent/child
 * references) wrapped in the one-way {@code Agent.emitBatch} call and encoded with Thrift's
 * compact protocol, one datagram each. Deterministic for a given seed.
 */
final class JaegerBatches {
    /** The agent's default {@code max_packet_size}; a datagram must fit in it whole. */
    static final int MAX_DATAGRAM_BYTES = 65_000;

    /** The same shop as {@link SyntheticTraces}, so the OTLP and Jaeger figures compare like with like. */
    private static final String[] SERVICES = SyntheticShop.SERVICES;
    private static final String[] ROUTES = SyntheticShop.ROUTES;
    private static final String[] TABLES = SyntheticShop.TABLES;

    private final SplittableRandom random;
    private long clockMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());

    JaegerBatches(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next service's batch: whole traces (a server span, then client and database children) until {@code spans}. */
    Batch nextBatch(int spans) {
        String service = SERVICES[random.nextInt(SERVICES.length)];
        List<Span> batch = new ArrayList<>(spans);
        while (batch.size() < spans) {
            long traceHigh = random.nextLong();
            long traceLow = random.nextLong();
            String route = ROUTES[random.nextInt(ROUTES.length)];
            Span server = span(traceHigh, traceLow, 0, "GET " + route, clockMicros, 2_000 + random.nextInt(50_000),
                    tag("span.kind", "server"), tag("component", "netty"), tag("http.method", "GET"),
                    tag("http.url", "http://" + service + ":8080" + route + "?session=" + UUID.randomUUID()),
                    tag("http.status_code", 200L), tag("peer.ipv4", 167_772_160L + random.nextInt(65_536)),
                    tag("sampler.type", "probabilistic"), tag("sampler.param", 1.0));
            batch.add(server);
            for (int child = 1 + random.nextInt(4); child > 0 && batch.size() < spans; child--) {
                batch.add(random.nextBoolean() ? clientSpan(server) : databaseSpan(server));
            }
            clockMicros += 1_000 + random.nextInt(5_000);
        }
        Process process = new Process(service).setTags(List.of(
                tag("jaeger.version", "Java-1.8.1"), tag("hostname", service + "-7d9f8c6b5-" + random.nextInt(100_000)),
                tag("ip", "10.1." + random.nextInt(256) + "." + random.nextInt(256)),
                tag("client-uuid", Long.toHexString(random.nextLong()))));
        return new Batch(process, batch);
    }

    private Span clientSpan(Span parent) {
        String route = ROUTES[random.nextInt(ROUTES.length)];
        Span span = child(parent, "GET " + route,
                tag("span.kind", "client"), tag("component", "okhttp"), tag("http.method", "GET"),
                tag("http.url", "http://" + SERVICES[random.nextInt(SERVICES.length)] + ":8080" + route),
                tag("http.status_code", random.nextInt(20) == 0 ? 503L : 200L));
        if (span.getTags().get(4).getVLong() >= 500) {
            span.getTags().add(tag("error", true));
            span.setLogs(List.of(new Log(span.getStartTime() + span.getDuration() - 10, new ArrayList<>(List.of(
                    tag("event", "error"), tag("error.kind", "java.io.IOException"),
                    tag("message", "upstream answered 503 Service Unavailable"),
                    tag("stack", "java.io.IOException: upstream answered 503\n\tat shop.Client.call(Client.java:88)\n"
                            + "\tat shop.CartService.load(CartService.java:41)"))))));
        }
        return span;
    }

    private Span databaseSpan(Span parent) {
        String table = TABLES[random.nextInt(TABLES.length)];
        return child(parent, "SELECT " + table,
                tag("span.kind", "client"), tag("component", "java-jdbc"), tag("db.type", "postgresql"),
                tag("db.instance", "shop"), tag("db.user", "shop_app"),
                tag("db.statement", "SELECT id, customer_id, status, total FROM " + table + " WHERE customer_id = ? LIMIT 50"),
                tag("peer.service", "postgresql"));
    }

    private Span child(Span parent, String operation, Tag... tags) {
        long start = parent.getStartTime() + random.nextInt(1 + (int) parent.getDuration() / 2);
        Span span = span(parent.getTraceIdHigh(), parent.getTraceIdLow(), parent.getSpanId(), operation, start,
                100 + random.nextInt(1 + (int) parent.getDuration() / 2), tags);
        return span.setReferences(List.of(new SpanRef(SpanRefType.CHILD_OF, span.getTraceIdLow(), span.getTraceIdHigh(), parent.getSpanId())));
    }

    private Span span(long traceHigh, long traceLow, long parentId, String operation, long startMicros, long durationMicros, Tag... tags) {
        return new Span(traceLow, traceHigh, random.nextLong(), parentId, operation, 1, startMicros, durationMicros)
                .setTags(new ArrayList<>(Arrays.asList(tags)));
    }

    private static Tag tag(String key, String value) {
        return new Tag(key, TagType.STRING).setVStr(value);
    }

    private static Tag tag(String key, long value) {
        return new Tag(key, TagType.LONG).setVLong(value);
    }

    private static Tag tag(String key, double value) {
        return new Tag(key, TagType.DOUBLE).setVDouble(value);
    }

    private static Tag tag(String key, boolean value) {
        return new Tag(key, TagType.BOOL).setVBool(value);
    }

    /** The datagram a client's UDP sender writes: {@code Agent.emitBatch(batch)}, one-way, compact protocol. */
    static byte[] encode(Batch batch) {
        try {
            TMemoryBuffer buffer = new TMemoryBuffer(MAX_DATAGRAM_BYTES);
            new Agent.Client(new TCompactProtocol(buffer)).emitBatch(batch);
            if (buffer.length() > MAX_DATAGRAM_BYTES) {
                throw new IllegalArgumentException(batch.getSpans().size() + " spans encode to " + buffer.length()
                        + " bytes, more than a " + MAX_DATAGRAM_BYTES + "-byte datagram");
            }
            return Arrays.copyOf(buffer.getArray(), buffer.length());
        } catch (TException e) {
            throw new IllegalStateException("a memory buffer cannot fail", e);
        }
    }
}
