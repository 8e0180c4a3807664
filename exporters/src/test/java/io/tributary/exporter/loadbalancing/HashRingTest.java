package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashRingTest {
    private static final List<String> GATEWAYS = List.of("10.0.1.12:4317", "10.0.1.7:4317", "10.0.2.3:4317",
            "gateway-3.tributary.svc:4317", "otelcol-gw-0:4317");

    @Test
    void placesThePointsContribsOwnTestsPublish() {
        // contrib's consistent_hashing_test.go (v0.148.0), five points per endpoint.
        assertThat(new HashRing(List.of("endpoint-1"), 5).points())
                .containsExactly("8650=endpoint-1", "10707=endpoint-1", "14724=endpoint-1", "24239=endpoint-1", "35777=endpoint-1");
        assertThat(new HashRing(List.of("endpoint-1", "endpoint-1"), 5).points()).containsExactly(
                "8650=endpoint-1", "8651=endpoint-1", "10707=endpoint-1", "10708=endpoint-1", "14724=endpoint-1",
                "14725=endpoint-1", "24239=endpoint-1", "24240=endpoint-1", "35777=endpoint-1", "35778=endpoint-1");
        assertThat(new HashRing(List.of("endpoint-A", "endpoint-B"), 5).points()).containsExactly(
                "3550=endpoint-B", "5678=endpoint-A", "8693=endpoint-B", "13541=endpoint-A", "25083=endpoint-B",
                "26896=endpoint-B", "30368=endpoint-A", "32299=endpoint-A", "32636=endpoint-A", "34220=endpoint-B");
    }

    @Test
    void routesTheKeysContribsOwnTestsPublish() {
        HashRing ring = HashRing.of(List.of("endpoint-1", "endpoint-2"));

        assertThat(ring.endpointFor(new byte[] {1, 2, 0, 0})).isEqualTo("endpoint-2");
        assertThat(ring.endpointFor(new byte[] {(byte) 128, (byte) 128, 0, 0})).isEqualTo("endpoint-1");
        assertThat(ring.endpointFor(bytes("ad-service-7"))).isEqualTo("endpoint-2");
        assertThat(ring.endpointFor(bytes("get-recommendations-1"))).isEqualTo("endpoint-1");
    }

    @Test
    void givesEachEndpoint100PointsOn36000Positions() {
        List<String> points = HashRing.of(List.of("endpoint-1", "endpoint-2")).points();

        assertThat(points).hasSize(200);
        assertThat(points).allSatisfy(p -> assertThat(Integer.parseInt(p.substring(0, p.indexOf('=')))).isBetween(0, 35999));
    }

    @Test
    void onACollisionTheEndpointListedFirstKeepsThePositionAndTheOtherProbesOn() {
        // Both endpoints' first point is at 23403; otelcol places endpoint by endpoint, in the resolver's sorted order.
        assertThat(new HashRing(List.of("gateway-23:4317", "gateway-370:4317"), 1).points())
                .containsExactly("23403=gateway-23:4317", "23404=gateway-370:4317");
        assertThat(new HashRing(List.of("gateway-370:4317", "gateway-23:4317"), 1).points())
                .containsExactly("23403=gateway-370:4317", "23404=gateway-23:4317");
    }

    /**
     * What the real otelcol v0.148.0 did in the compat lab (fleet-tributary-agent's all-otelcol
     * fleet, see otelcol-fleet-routes.txt): the owner of every ring position (its traffic had a
     * trace whose ID hashes to each one), sample trace IDs, and the owner of each service name.
     */
    @Test
    void routesEveryPositionTraceAndServiceAsTheRealOtelcolDidInTheCompatLab() throws IOException {
        List<String> endpoints = new ArrayList<>();
        String positions = null;
        int traces = 0;
        int services = 0;
        List<String[]> keyed = new ArrayList<>();
        for (String line : resource("loadbalancing/otelcol-fleet-routes.txt").split("\n")) {
            if (line.startsWith("endpoint ")) {
                endpoints.add(line.substring("endpoint ".length()));
            } else if (line.startsWith("positions ")) {
                positions = line.substring("positions ".length());
            } else if (line.startsWith("trace ") || line.startsWith("service ")) {
                keyed.add(line.split(" ", 3));
            }
        }
        HashRing ring = HashRing.of(endpoints);

        assertThat(positions).hasSize(HashRing.MAX_POSITIONS);
        for (int p = 0; p < HashRing.MAX_POSITIONS; p++) {
            assertThat(ring.endpointAt(p)).as("position %d", p).isEqualTo(endpoints.get(positions.charAt(p) - '0'));
        }
        for (String[] entry : keyed) {
            byte[] key = entry[0].equals("trace") ? HexFormat.of().parseHex(entry[2]) : bytes(entry[2]);
            assertThat(ring.endpointFor(key)).as("%s %s", entry[0], entry[2]).isEqualTo(endpoints.get(Integer.parseInt(entry[1])));
            if (entry[0].equals("trace")) {
                traces++;
            } else {
                services++;
            }
        }
        assertThat(traces).isPositive();
        assertThat(services).isPositive();
    }

    @Test
    void movesAboutOneInNTracesToAnAddedBackendAndNoneElsewhere() {
        HashRing before = HashRing.of(GATEWAYS);
        List<String> grown = new ArrayList<>(GATEWAYS);
        grown.add("10.0.3.9:4317");
        HashRing after = HashRing.of(grown.stream().sorted().toList());
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
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
