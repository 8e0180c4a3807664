package io.tributary.bench;

import static io.tributary.bench.SyntheticShop.ROUTES;
import static io.tributary.bench.SyntheticShop.SCHEMA_URL;
import static io.tributary.bench.SyntheticShop.SERVICES;
import static io.tributary.bench.SyntheticShop.TABLES;
import static io.tributary.bench.SyntheticShop.integer;
import static io.tributary.bench.SyntheticShop.pick;
import static io.tributary.bench.SyntheticShop.randomBytes;
import static io.tributary.bench.SyntheticShop.string;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Logs export requests like those the shop's Java agents send from the services' logback
 * loggers: per handled HTTP request a few records in its trace context (the access line, the
 * business event, now and then a slow-query warning or an error with its exception), and
 * between them the connection pool's housekeeping lines outside any trace. Each record has its
 * severity, a string body of a real log line's length, the appender's thread attributes and the
 * logger as its scope. Deterministic for a given seed except for the timestamps, which start at
 * the current time.
 */
final class SyntheticLogs {
    /** Log records per request in the benchmarks: about the bytes of a 100-span traces request. */
    static final int RECORDS_PER_REQUEST = 150;

    private final SplittableRandom random;
    private final Map<String, Resource> resources;
    private long clockNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());

    SyntheticLogs(long seed) {
        this.random = new SplittableRandom(seed);
        this.resources = SyntheticShop.resources(random);
    }

    /** The next request of exactly {@code records} log records (the last request handled cut short), grouped by service and logger. */
    ExportLogsServiceRequest nextRequest(int records) {
        Map<String, Map<String, List<LogRecord>>> byService = new LinkedHashMap<>();
        List<Emitted> handled = new ArrayList<>();
        while (handled.size() < records) {
            handle(handled);
            clockNanos += TimeUnit.MICROSECONDS.toNanos(200 + random.nextInt(2_000));
        }
        for (Emitted record : handled.subList(0, records)) {
            byService.computeIfAbsent(record.service, s -> new LinkedHashMap<>())
                    .computeIfAbsent(record.logger, l -> new ArrayList<>())
                    .add(record.record);
        }
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        byService.forEach((service, loggers) -> {
            ResourceLogs.Builder rl = request.addResourceLogsBuilder().setResource(resources.get(service)).setSchemaUrl(SCHEMA_URL);
            loggers.forEach((logger, list) -> rl.addScopeLogs(ScopeLogs.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName(logger))
                    .addAllLogRecords(list)));
        });
        return request.build();
    }

    private record Emitted(String service, String logger, LogRecord record) {
    }

    /** The records of one HTTP request handled by some service, or one housekeeping line. */
    private void handle(List<Emitted> out) {
        String service = pick(random, SERVICES);
        String pkg = "shop." + service.replace("-", "");
        if (random.nextInt(10) == 0) {
            int active = random.nextInt(10);
            out.add(new Emitted(service, "com.zaxxer.hikari.pool.HikariPool", record(SeverityNumber.SEVERITY_NUMBER_DEBUG, "DEBUG",
                    "HikariPool-1 - Pool stats (total=10, active=" + active + ", idle=" + (10 - active) + ", waiting=0)",
                    "HikariPool-1 housekeeper", 31, null, null).build()));
            return;
        }
        ByteString traceId = randomBytes(random, 16);
        ByteString spanId = randomBytes(random, 8);
        String thread = "http-nio-8080-exec-" + (1 + random.nextInt(20));
        long threadId = 40 + random.nextInt(20);
        String route = pick(random, ROUTES);
        String path = route.replace("{id}", Integer.toString(random.nextInt(10_000)));
        String customer = String.format("c-%07d", random.nextInt(10_000_000));
        int millis = 2 + random.nextInt(120);
        if (random.nextInt(3) == 0) {
            int items = 1 + random.nextInt(6);
            String order = Long.toHexString(random.nextLong());
            out.add(new Emitted(service, pkg + ".OrderService", record(SeverityNumber.SEVERITY_NUMBER_INFO, "INFO",
                    "Order " + order + " placed for customer " + customer + ": " + items + " items, total "
                            + (items * (5 + random.nextInt(60))) + "." + (10 + random.nextInt(90)) + " EUR, payment method card",
                    thread, threadId, traceId, spanId)
                    .addAttributes(string("customer.id", customer))
                    .addAttributes(string("order.id", order)).build()));
        }
        if (random.nextInt(8) == 0) {
            String table = pick(random, TABLES);
            out.add(new Emitted(service, pkg + ".Repository", record(SeverityNumber.SEVERITY_NUMBER_WARN, "WARN",
                    "Slow query on shop." + table + " took " + (500 + random.nextInt(1500)) + " ms (threshold 500 ms): "
                            + "SELECT id, status, total, updated_at FROM " + table + " WHERE customer_id = ? AND status = ? LIMIT ?",
                    thread, threadId, traceId, spanId).build()));
        }
        if (random.nextInt(40) == 0) {
            String downstream = pick(random, SERVICES);
            out.add(new Emitted(service, pkg + ".Handler", record(SeverityNumber.SEVERITY_NUMBER_ERROR, "ERROR",
                    "Request GET " + path + " failed after " + millis + " ms: downstream " + downstream + " did not answer",
                    thread, threadId, traceId, spanId)
                    .addAllAttributes(SyntheticShop.exception("java.lang.IllegalStateException", "downstream " + downstream + " timed out"))
                    .build()));
            return;
        }
        out.add(new Emitted(service, pkg + ".AccessLog", record(SeverityNumber.SEVERITY_NUMBER_INFO, "INFO",
                "GET " + path + " 200 " + (200 + random.nextInt(8_000)) + " bytes in " + millis + " ms (customer " + customer
                        + ", route " + route + ")",
                thread, threadId, traceId, spanId).build()));
    }

    private LogRecord.Builder record(SeverityNumber severity, String severityText, String body, String thread, long threadId,
            ByteString traceId, ByteString spanId) {
        clockNanos += TimeUnit.MICROSECONDS.toNanos(50 + random.nextInt(500));
        LogRecord.Builder record = LogRecord.newBuilder()
                .setTimeUnixNano(clockNanos)
                .setObservedTimeUnixNano(clockNanos + TimeUnit.MICROSECONDS.toNanos(5 + random.nextInt(50)))
                .setSeverityNumber(severity)
                .setSeverityText(severityText)
                .setBody(AnyValue.newBuilder().setStringValue(body))
                .addAttributes(string("thread.name", thread))
                .addAttributes(integer("thread.id", threadId));
        if (traceId != null) {
            record.setTraceId(traceId).setSpanId(spanId).setFlags(1);
        }
        return record;
    }
}
