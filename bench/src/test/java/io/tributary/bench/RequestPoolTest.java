package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestPoolTest {
    private static final List<byte[]> ENCODED = LoadGenerator.encodePool(3, 100, 5);

    @Test
    void aRepeatingPoolSendsTheSameBytesEveryPass() {
        RequestPool pool = RequestPool.repeating(ENCODED);

        assertThat(pool.request(0)).isSameAs(ENCODED.get(0));
        assertThat(pool.request(4)).isSameAs(ENCODED.get(1));
        assertThat(pool.encodedBytes()).isEqualTo(ENCODED.stream().mapToLong(r -> r.length).sum());
    }

    @Test
    void everyPassHasTraceIdsNoOtherPassHas() throws Exception {
        RequestPool pool = RequestPool.withFreshTraceIds(ENCODED);
        Set<ByteString> seen = new HashSet<>();
        int traces = 0;

        for (long n = 0; n < 4 * ENCODED.size(); n++) {
            Set<ByteString> ids = new HashSet<>();
            spans(pool.request(n)).forEach(span -> ids.add(span.getTraceId()));
            traces += ids.size();
            seen.addAll(ids);
        }

        assertThat(seen).hasSize(traces);
    }

    @Test
    void onlyTheTraceIdsChange() throws Exception {
        RequestPool pool = RequestPool.withFreshTraceIds(ENCODED);

        List<Span> first = spans(pool.request(1));
        List<Span> third = spans(pool.request(1 + 2L * ENCODED.size()));

        assertThat(pool.request(1)).isSameAs(ENCODED.get(1));
        assertThat(third).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(third.get(i).getTraceId()).isNotEqualTo(first.get(i).getTraceId());
            assertThat(third.get(i).toBuilder().setTraceId(first.get(i).getTraceId()).build()).isEqualTo(first.get(i));
        }
    }

    @Test
    void spansOfOneTraceStayTogether() throws Exception {
        RequestPool pool = RequestPool.withFreshTraceIds(ENCODED);

        List<Span> first = spans(pool.request(0));
        List<Span> later = spans(pool.request(5L * ENCODED.size()));

        for (int i = 0; i < first.size(); i++) {
            for (int j = 0; j < first.size(); j++) {
                assertThat(later.get(i).getTraceId().equals(later.get(j).getTraceId()))
                        .isEqualTo(first.get(i).getTraceId().equals(first.get(j).getTraceId()));
            }
        }
    }

    private static List<Span> spans(byte[] request) throws Exception {
        return ExportTraceServiceRequest.parseFrom(request).getResourceSpansList().stream()
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream())
                .toList();
    }
}
