package io.tributary.core.data;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.wire.Schema;
import java.util.List;

/**
 * An immutable batch of log records as OTLP {@code ResourceLogs}: the logs flavour of
 * {@link SignalData}, whose items are log records.
 */
public final class Logs extends SignalData<Logs, ResourceLogs> {
    private static final DataCodec<Logs, ResourceLogs> CODEC = new DataCodec<>(Schema.LOGS, ResourceLogs.parser(),
            Logs::new,
            request -> ExportLogsServiceRequest.parseFrom(request).getResourceLogsList(),
            entries -> ExportLogsServiceRequest.newBuilder().addAllResourceLogs(entries).build().toByteString(),
            Logs::logRecords, DataCodec.ONE_ENCODED, DataCodec.ONE, DataCodec.UNCUT);

    public static final Logs EMPTY = CODEC.empty;

    private Logs(ByteString encoded, List<ResourceLogs> decoded, int logRecords, int resourceLogs, ClientInfo client,
            DecodedBefore<ResourceLogs> decodedBefore) {
        super(encoded, decoded, logRecords, resourceLogs, client, decodedBefore);
    }

    @Override
    DataCodec<Logs, ResourceLogs> codec() {
        return CODEC;
    }

    private static int logRecords(ResourceLogs entry) {
        int records = 0;
        for (ScopeLogs scope : entry.getScopeLogsList()) {
            records += scope.getLogRecordsCount();
        }
        return records;
    }

    /**
     * Wraps the wire bytes of an {@code ExportLogsServiceRequest} after checking their structure
     * down to each field, as {@link Traces#parse} does (a log record's trace and span IDs may be
     * empty).
     *
     * @throws InvalidOtlpException saying what is wrong and where
     */
    public static Logs parse(ByteString request) throws InvalidOtlpException {
        return CODEC.parse(request);
    }

    public static Logs of(List<ResourceLogs> resourceLogs) {
        return CODEC.of(resourceLogs);
    }

    public static Logs of(ExportLogsServiceRequest request) {
        return of(request.getResourceLogsList());
    }

    /** As {@link Traces#trusted}: bytes a component built itself from valid ones, with their counts. */
    public static Logs trusted(ByteString request, int logRecordCount, int resourceLogsCount) {
        return CODEC.trusted(request, logRecordCount, resourceLogsCount);
    }

    /** As {@link Traces#concat}. */
    public static Logs concat(List<Logs> parts) {
        return CODEC.concat(parts);
    }

    public int logRecordCount() {
        return itemCount();
    }

    public List<ResourceLogs> resourceLogs() {
        return resourceEntries();
    }

    public ExportLogsServiceRequest toRequest() {
        return ExportLogsServiceRequest.newBuilder().addAllResourceLogs(resourceLogs()).build();
    }
}
