package io.tributary.core.data;

import static io.tributary.testkit.TestLogs.bodies;
import static io.tributary.testkit.TestLogs.record;
import static io.tributary.testkit.TestLogs.records;
import static io.tributary.testkit.TestLogs.request;
import static io.tributary.testkit.TestLogs.resource;
import static io.tributary.testkit.TestLogs.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.tributary.testkit.TestTraces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsTest {
    private static final ExportLogsServiceRequest REQUEST = request(
            resource("frontend", scope("app", records("a", "b", "c"))),
            resource("backend", scope("db", records("d")), scope("cache", records("e", "f"))));

    @Test
    void parseCountsLogRecordsAndDecodesLazily() throws Exception {
        Logs logs = Logs.parse(REQUEST.toByteString());

        assertThat(logs.logRecordCount()).isEqualTo(6);
        assertThat(logs.resourceEntryCount()).isEqualTo(2);
        assertThat(logs.resourceLogs()).isEqualTo(REQUEST.getResourceLogsList()).isSameAs(logs.resourceLogs());
    }

    @Test
    void aRecordsTraceContextMayBeEmptyOrWhole() throws Exception {
        LogRecord withContext = record("in a span").toBuilder().setTraceId(ByteString.copyFrom(new byte[16]))
                .setSpanId(TestTraces.spanId(1)).setFlags(1).build();

        Logs logs = Logs.parse(request(resource("svc", scope("s", List.of(record("no span"), withContext)))).toByteString());

        assertThat(logs.logRecordCount()).isEqualTo(2);
    }

    @Test
    void aTraceIdOfAnotherLengthIsRefusedWithItsPath() {
        LogRecord bad = record("x").toBuilder().setTraceId(ByteString.copyFromUtf8("12345")).build();

        assertThatThrownBy(() -> Logs.parse(request(resource("svc", scope("s", List.of(record("ok"), bad)))).toByteString()))
                .isInstanceOf(InvalidOtlpException.class)
                .hasMessage("resource_logs[0].scope_logs[0].log_records[1]: trace_id must be empty or 16 bytes, got 5");
    }

    @Test
    void aBodyIsCheckedDownToItsNestedValues() {
        AnyValue body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(KeyValue.newBuilder()
                .setKey("k").setValue(TestTraces.string("\u00e9")))).build();
        byte[] bytes = request(resource("svc", scope("s", List.of(record("x").toBuilder().setBody(body).build())))).toByteArray();
        // é is C3 A9; C3 followed by an ASCII letter is not UTF-8
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xC3 && bytes[i + 1] == (byte) 0xA9) {
                bytes[i + 1] = 'A';
            }
        }

        assertThatThrownBy(() -> Logs.parse(ByteString.copyFrom(bytes)))
                .isInstanceOf(InvalidOtlpException.class)
                .hasMessage("resource_logs[0].scope_logs[0].log_records[0].body.kvlist_value.values[0].value: string_value is not valid UTF-8");
    }

    @Test
    void splitCutsBetweenRecordsKeepingOrderResourceAndScope() throws Exception {
        Logs logs = Logs.parse(REQUEST.toByteString());

        List<Logs> parts = logs.split(4);

        assertThat(parts).extracting(Logs::logRecordCount).containsExactly(4, 2);
        List<ResourceLogs> all = new ArrayList<>();
        parts.forEach(part -> all.addAll(part.resourceLogs()));
        assertThat(bodies(all)).containsExactly("a", "b", "c", "d", "e", "f");
        ResourceLogs cut = parts.get(1).resourceLogs().get(0);
        assertThat(cut.getResource()).isEqualTo(REQUEST.getResourceLogs(1).getResource());
        assertThat(cut.getScopeLogs(0).getScope().getName()).isEqualTo("cache");
    }

    @Test
    void concatOfEncodedPartsIsTheirBytesInOrder() throws Exception {
        Logs first = Logs.parse(request(REQUEST.getResourceLogs(0)).toByteString());
        Logs second = Logs.of(request(REQUEST.getResourceLogs(1)));

        Logs both = Logs.concat(List.of(first, second));

        assertThat(both.logRecordCount()).isEqualTo(6);
        assertThat(both.encoded()).isEqualTo(REQUEST.toByteString());
    }
}
