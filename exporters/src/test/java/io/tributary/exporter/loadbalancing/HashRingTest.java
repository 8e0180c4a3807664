package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashRingTest {
    /** The backends of ring_expectations.py; the digits in ring_expectations.txt index this list. */
    private static final List<String> GATEWAYS = List.of("10.0.1.7:4317", "10.0.1.12:4317", "10.0.2.3:4317",
            "gateway-3.tributary.svc:4317", "otelcol-gw-0:4317");

    @Test
    void placesThePointsOtelcolPublishedForTheSamePointFormula() {
        // contrib's consistent_hashing_test.go vectors after PR #41271 (36000 positions, 5 points):
        // same CRC-32 of endpoint ‖ little-endian index, same probing; global ordering keeps them.
        assertThat(new HashRing(List.of("endpoint-1"), 36000, 5).points())
                .containsExactly("8650=endpoint-1", "10707=endpoint-1", "14724=endpoint-1", "24239=endpoint-1", "35777=endpoint-1");
        assertThat(new HashRing(List.of("endpoint-1", "endpoint-1"), 36000, 5).points()).containsExactly(
                "8650=endpoint-1", "8651=endpoint-1", "10707=endpoint-1", "10708=endpoint-1", "14724=endpoint-1",
                "14725=endpoint-1", "24239=endpoint-1", "24240=endpoint-1", "35777=endpoint-1", "35778=endpoint-1");
        assertThat(new HashRing(List.of("endpoint-A", "endpoint-B"), 36000, 5).points()).containsExactly(
                "3550=endpoint-B", "5678=endpoint-A", "8693=endpoint-B", "13541=endpoint-A", "25083=endpoint-B",
                "26896=endpoint-B", "30368=endpoint-A", "32299=endpoint-A", "32636=endpoint-A", "34220=endpoint-B");
    }

    @Test
    void routesOtelcolsPublishedKeysLikeOtelcolAtThePreviousRingSize() {
        HashRing ring = new HashRing(List.of("endpoint-1", "endpoint-2"), 36000, 100);

        assertThat(ring.endpointFor(new byte[] {1, 2, 0, 0})).isEqualTo("endpoint-2");
        assertThat(ring.endpointFor(new byte[] {(byte) 128, (byte) 128, 0, 0})).isEqualTo("endpoint-1");
        assertThat(ring.endpointFor(bytes("ad-service-7"))).isEqualTo("endpoint-2");
        assertThat(ring.endpointFor(bytes("get-recommendations-1"))).isEqualTo("endpoint-1");
    }

    @Test
    void routesTheKeyOfContribsCurrentLoadBalancerTestToEndpoint1InBothRings() {
        // contrib PR #50076 (on the current ring): {128, 128, 0, 0} "hashes to endpoint-1 in both the
        // one-endpoint ring and the two-endpoint ring".
        byte[] key = {(byte) 128, (byte) 128, 0, 0};

        assertThat(HashRing.of(List.of("endpoint-1")).endpointFor(key)).isEqualTo("endpoint-1");
        assertThat(HashRing.of(List.of("endpoint-1", "endpoint-2")).endpointFor(key)).isEqualTo("endpoint-1");
    }

    @Test
    void givesEachEndpoint200PointsOn131071Positions() {
        List<String> points = HashRing.of(List.of("endpoint-1", "endpoint-2")).points();

        assertThat(points).hasSize(400);
        assertThat(points).allSatisfy(p -> assertThat(Integer.parseInt(p.substring(0, p.indexOf('=')))).isBetween(0, 131070));
    }

    /**
     * 10,000 trace IDs against the owners ring_expectations.py (beside the expectations file)
     * computed from the published algorithm with Python's zlib CRC-32, independently of this code.
     */
    @Test
    void picksTheSameGatewayAsThePublishedAlgorithmFor10000TraceIds() throws IOException {
        String expected = resource("loadbalancing/ring_expectations.txt").trim();
        HashRing ring = HashRing.of(GATEWAYS);
        SplitMix64 random = new SplitMix64(0x5EED_7B1B_0A7A_0001L);
        StringBuilder actual = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            byte[] traceId = ByteBuffer.allocate(16).putLong(random.next()).putLong(random.next()).array();
            actual.append(GATEWAYS.indexOf(ring.endpointFor(traceId)));
        }

        assertThat(expected).hasSize(10_000);
        assertThat(actual.toString()).isEqualTo(expected);
    }

    @Test
    void doesNotDependOnTheOrderOfTheEndpoints() {
        List<String> shuffled = new ArrayList<>(GATEWAYS);
        Collections.shuffle(shuffled, new Random(7));

        assertThat(HashRing.of(shuffled).points()).isEqualTo(HashRing.of(GATEWAYS).points());
    }

    @Test
    void movesAboutOneInNTracesToAnAddedBackendAndNoneElsewhere() {
        HashRing before = HashRing.of(GATEWAYS);
        List<String> grown = new ArrayList<>(GATEWAYS);
        grown.add("10.0.3.9:4317");
        HashRing after = HashRing.of(grown);
        Random random = new Random(11);
        int moved = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] traceId = new byte[16];
            random.nextBytes(traceId);
            String was = before.endpointFor(traceId);
            String is = after.endpointFor(traceId);
            if (!was.equals(is)) {
                moved++;
                assertThat(is).isEqualTo("10.0.3.9:4317");
            }
        }

        assertThat(moved / 20_000.0).isBetween(1 / 6.0 * 0.6, 1 / 6.0 * 1.4);
    }

    @Test
    void movesOnlyTheTracesOfARemovedBackend() {
        HashRing before = HashRing.of(GATEWAYS);
        HashRing after = HashRing.of(GATEWAYS.subList(1, GATEWAYS.size()));
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            byte[] traceId = new byte[16];
            random.nextBytes(traceId);
            String was = before.endpointFor(traceId);
            if (!was.equals(GATEWAYS.get(0))) {
                assertThat(after.endpointFor(traceId)).isEqualTo(was);
            }
        }
    }

    @Test
    void hasNoOwnerWhenEmpty() {
        assertThat(HashRing.of(List.of()).endpointFor(new byte[16])).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HashRingTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Vigna's SplitMix64, as ring_expectations.py draws the trace IDs. */
    private static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        long next() {
            long z = state += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
