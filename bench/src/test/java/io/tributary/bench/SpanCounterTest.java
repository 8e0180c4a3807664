package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpanCounterTest {
    @Test
    void countsTheSpansOfEveryResourceAndScope() throws Exception {
        byte[] request = new SyntheticTraces(1).nextRequest(137).toByteArray();

        assertThat(SpanCounter.countSpans(request)).isEqualTo(137);
    }

    @Test
    void countsNothingInAnEmptyRequest() throws Exception {
        assertThat(SpanCounter.countSpans(new byte[0])).isZero();
    }

    @Test
    void rejectsATruncatedRequest() {
        byte[] request = new SyntheticTraces(1).nextRequest(10).toByteArray();
        byte[] truncated = Arrays.copyOf(request, request.length - 5);

        assertThatThrownBy(() -> SpanCounter.countSpans(truncated)).isInstanceOf(InvalidProtocolBufferException.class);
    }
}
