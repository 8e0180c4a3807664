package io.tributary.exporter.loadbalancing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * otelcol's consistent-hash ring (contrib's loadbalancingexporter, the generation of PR #49585):
 * each endpoint gets {@link #DEFAULT_WEIGHT} points at CRC-32(endpoint bytes ‖ little-endian
 * 32-bit point index) modulo {@link #MAX_POSITIONS}; all points are generated first and ordered
 * globally (position, then endpoint bytes, then index) before any is placed, so the ring does not
 * depend on the order of the endpoint list; a point whose position is taken moves forward
 * (linear probing, at most {@link #PROBE_LIMIT} steps) or is dropped. A key belongs to the first
 * point at or after CRC-32(key) modulo {@link #MAX_POSITIONS}, wrapping around. Matching it bit
 * for bit is what lets a fleet mixing otelcol and Tributary agents send each trace to one gateway.
 * Immutable.
 */
final class HashRing {
    /** 2^17 - 1: the CRC-32 residues spread better over a modulus that is not a power of two. */
    static final int MAX_POSITIONS = 131071;
    static final int DEFAULT_WEIGHT = 200;
    static final int PROBE_LIMIT = 10;

    private final int maxPositions;
    private final int[] positions;
    private final String[] owners;

    private record Point(int position, byte[] endpoint, String name, int index) {
    }

    private static final Comparator<Point> GLOBAL_ORDER = Comparator.comparingInt(Point::position)
            .thenComparing(Point::endpoint, Arrays::compareUnsigned)
            .thenComparingInt(Point::index);

    static HashRing of(List<String> endpoints) {
        return new HashRing(endpoints, MAX_POSITIONS, DEFAULT_WEIGHT);
    }

    /** Other sizes exist only to replay the vectors otelcol published for earlier generations. */
    HashRing(List<String> endpoints, int maxPositions, int weight) {
        this.maxPositions = maxPositions;
        List<Point> points = new ArrayList<>(endpoints.size() * weight);
        for (String endpoint : endpoints) {
            byte[] bytes = endpoint.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < weight; i++) {
                points.add(new Point(position(bytes, i), bytes, endpoint, i));
            }
        }
        points.sort(GLOBAL_ORDER);
        String[] slots = new String[maxPositions];
        int placed = 0;
        for (Point point : points) {
            int slot = point.position();
            int probed = 0;
            while (slots[slot] != null && probed < PROBE_LIMIT) {
                slot = (slot + 1) % maxPositions;
                probed++;
            }
            if (probed < PROBE_LIMIT) {
                slots[slot] = point.name();
                placed++;
            }
        }
        positions = new int[placed];
        owners = new String[placed];
        for (int slot = 0, n = 0; slot < maxPositions; slot++) {
            if (slots[slot] != null) {
                positions[n] = slot;
                owners[n++] = slots[slot];
            }
        }
    }

    /** The endpoint that owns {@code key} (a trace ID's 16 bytes, or a service name's UTF-8), or null for an empty ring. */
    String endpointFor(byte[] key) {
        if (positions.length == 0) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(key);
        int index = Arrays.binarySearch(positions, (int) (crc.getValue() % maxPositions));
        if (index < 0) {
            index = -index - 1;
        }
        return owners[index == positions.length ? 0 : index];
    }

    boolean isEmpty() {
        return positions.length == 0;
    }

    /** The ring's points in position order, as {@code position=endpoint}; for tests that compare whole rings. */
    List<String> points() {
        List<String> points = new ArrayList<>(positions.length);
        for (int i = 0; i < positions.length; i++) {
            points.add(positions[i] + "=" + owners[i]);
        }
        return points;
    }

    private int position(byte[] endpoint, int index) {
        CRC32 crc = new CRC32();
        crc.update(endpoint);
        crc.update(new byte[] {(byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)});
        return (int) (crc.getValue() % maxPositions);
    }
}
