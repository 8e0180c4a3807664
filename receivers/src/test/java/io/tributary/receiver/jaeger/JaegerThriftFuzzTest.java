package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jaegertracing.thriftjava.Batch;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.JaegerThriftTranslator;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocolFactory;

/**
 * Arbitrary bytes as each Jaeger Thrift payload the receiver takes (the collector's HTTP body, the
 * agent's compact and binary datagrams): {@link ThriftDecoding} refuses them with its documented
 * {@link TException} (a 400, or a counted bad datagram), or {@link JaegerThriftTranslator} turns
 * every span of the batch into OTLP that our own validator accepts and back into Thrift. Anything else thrown is a finding.
 *
 * <p>In {@code verify} these replay {@code JaegerThriftFuzzTestInputs/<method>}. To fuzz one:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl receivers -am test -Dtest='JaegerThriftFuzzTest#udpCompact'
 * -Dsurefire.failIfNoSpecifiedTests=false} (one method per run).
 */
class JaegerThriftFuzzTest {
    private static final TProtocolFactory BINARY = new TBinaryProtocol.Factory();
    private static final TProtocolFactory COMPACT = new TCompactProtocol.Factory();

    @FuzzTest(maxDuration = "2m")
    void httpBinary(byte[] body) throws InvalidOtlpException {
        decodeAndTranslate(() -> ThriftDecoding.batch(body, BINARY));
    }

    @FuzzTest(maxDuration = "2m")
    void udpCompact(byte[] datagram) throws InvalidOtlpException {
        decodeAndTranslate(() -> ThriftDecoding.emitBatch(datagram, COMPACT));
    }

    @FuzzTest(maxDuration = "2m")
    void udpBinary(byte[] datagram) throws InvalidOtlpException {
        decodeAndTranslate(() -> ThriftDecoding.emitBatch(datagram, BINARY));
    }

    private interface Decoding {
        Batch decode() throws TException;
    }

    private static void decodeAndTranslate(Decoding decoding) throws InvalidOtlpException {
        Batch batch;
        try {
            batch = decoding.decode();
        } catch (TException refused) {
            return;
        }
        Traces traces = JaegerThriftTranslator.toTraces(batch);
        assertThat(Traces.parse(traces.encoded()).spanCount()).isEqualTo(batch.getSpansSize());
        assertThat(JaegerThriftTranslator.toBatches(traces)).flatExtracting(Batch::getSpans).hasSize(traces.spanCount());
    }
}
