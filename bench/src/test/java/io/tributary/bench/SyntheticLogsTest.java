package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticLogsTest {
    private final SyntheticLogs logs = new SyntheticLogs(42);

    @Test
    void everyRequestHoldsExactlyTheAskedNumberOfRecordsAndPassesValidation() throws Exception {
        for (int i = 0; i < 20; i++) {
            ExportLogsServiceRequest request = logs.nextRequest(SyntheticLogs.RECORDS_PER_REQUEST);

            assertThat(Logs.parse(ByteString.copyFrom(request.toByteArray())).logRecordCount())
                    .isEqualTo(SyntheticLogs.RECORDS_PER_REQUEST);
        }
    }

    @Test
    void recordsHaveSeveritiesBodiesAttributesAndMostlyATraceContext() {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            logs.nextRequest(SyntheticLogs.RECORDS_PER_REQUEST).getResourceLogsList().stream()
                    .flatMap(rl -> rl.getScopeLogsList().stream())
                    .forEach(sl -> records.addAll(sl.getLogRecordsList()));
        }

        assertThat(records.stream().map(LogRecord::getSeverityNumber).collect(Collectors.toSet())).contains(
                SeverityNumber.SEVERITY_NUMBER_INFO, SeverityNumber.SEVERITY_NUMBER_WARN, SeverityNumber.SEVERITY_NUMBER_ERROR);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getBody().getStringValue()).hasSizeGreaterThan(40);
            assertThat(r.getAttributesList()).isNotEmpty();
            assertThat(r.getTraceId().size()).isIn(0, 16);
            assertThat(r.getSpanId().size()).isEqualTo(r.getTraceId().isEmpty() ? 0 : 8);
        });
        assertThat(records.stream().filter(r -> !r.getTraceId().isEmpty()).count()).isGreaterThan(records.size() * 3L / 4);
    }

    @Test
    void requestsWeighAboutAsMuchAsTheTracesRequests() {
        List<byte[]> pool = LoadGenerator.encodePool(Signal.LOGS, 20, SyntheticLogs.RECORDS_PER_REQUEST, 7);
        double perRequest = pool.stream().mapToInt(r -> r.length).sum() / 20.0;

        assertThat(perRequest).isBetween(35_000.0, 45_000.0);
    }
}
