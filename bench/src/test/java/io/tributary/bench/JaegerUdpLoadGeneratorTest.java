package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UDP generator's datagrams and counts, against a plain socket; no benchmark runs here. */
class JaegerUdpLoadGeneratorTest {
    @Test
    void sendsThePoolInOrderAndCountsItsSpans() throws Exception {
        int[] spans = new int[3];
        List<byte[]> pool = JaegerUdpLoadGenerator.encodePool(spans.length, 20, 22, 1, spans);
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                JaegerUdpLoadGenerator generator = new JaegerUdpLoadGenerator(
                        (InetSocketAddress) receiver.getLocalAddress(), 1_000, pool, spans)) {
            ByteBuffer buffer = ByteBuffer.allocate(JaegerBatches.MAX_DATAGRAM_BYTES);
            generator.start();
            for (int i = 0; i < 4; i++) {
                buffer.clear();
                receiver.receive(buffer);
                buffer.flip();
                assertThat(Arrays.copyOf(buffer.array(), buffer.limit())).isEqualTo(pool.get(i % pool.size()));
            }
            generator.close(); // the counts are final once the sender has stopped

            long expected = 0;
            for (long i = 0; i < generator.sentDatagrams(); i++) {
                expected += spans[(int) (i % spans.length)];
            }
            assertThat(generator.sentSpans()).isEqualTo(expected);
        }
    }

    @Test
    void readsTheKernelsUdpReceiveBufferDrops() {
        String snmp = """
                Ip: Forwarding DefaultTTL InReceives
                Ip: 1 64 1000
                Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                Udp: 5000 3 42 6000 41 0 0 0 0
                UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                UdpLite: 0 0 0 0 7 0 0 0 0
                """;

        assertThat(JaegerUdpLoadGenerator.udpReceiveBufferErrors(snmp)).isEqualTo(41);
    }
}
