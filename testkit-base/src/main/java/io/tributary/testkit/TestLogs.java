package io.tributary.testkit;

import static io.tributary.testkit.TestTraces.attribute;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.stream.Stream;

/** OTLP log data for tests, built from what a test cares about: a record's body text. */
public final class TestLogs {
    private TestLogs() {
    }

    /** An INFO record whose body is the string {@code body}. */
    public static LogRecord record(String body) {
        return LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L).setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
                .setSeverityText("INFO").setBody(TestTraces.string(body)).build();
    }

    public static List<LogRecord> records(String... bodies) {
        return Stream.of(bodies).map(TestLogs::record).toList();
    }

    public static ScopeLogs scope(String name, List<LogRecord> records) {
        return ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name)).addAllLogRecords(records).build();
    }

    public static ResourceLogs resource(String service, ScopeLogs... scopes) {
        return ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
                .addAllScopeLogs(List.of(scopes)).build();
    }

    public static ExportLogsServiceRequest request(ResourceLogs... resources) {
        return ExportLogsServiceRequest.newBuilder().addAllResourceLogs(List.of(resources)).build();
    }

    /** Every record's body text, in order. */
    public static List<String> bodies(List<ResourceLogs> resources) {
        return resources.stream().flatMap(resource -> resource.getScopeLogsList().stream())
                .flatMap(scope -> scope.getLogRecordsList().stream()).map(record -> record.getBody().getStringValue()).toList();
    }
}
