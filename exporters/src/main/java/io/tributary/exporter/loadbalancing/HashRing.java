package io.tributary.exporter.loadbalancing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * otelcol's consistent-hash ring (contrib's loadbalancingexporter, v0.148.0): each endpoint gets
 * {@link #DEFAULT_WEIGHT} points at CRC-32(endpoint bytes ‖ little-endian 32-bit point index)
 * modulo {@link #MAX_POSITIONS}. Points are placed endpoint by endpoint in the order given (the
 * resolvers sort the list), each in index order; a point whose position is taken moves forward
 * (linear probing, fewer than {@link #PROBE_LIMIT} steps) or is dropped, so on a collision the
 * endpoint that sorts first keeps the position. A key belongs to the first point at or after
 * CRC-32(key) modulo {@link #MAX_POSITIONS}, wrapping around. Matching it bit for bit is what
 * lets a fleet mixing otelcol and Tributary agents send each trace to one gateway: the compat
 * lab's fleet scenarios check it against the real otelcol, and HashRingTest replays what they saw.
 * Immutable.
 */
final class HashRing {
    static final int MAX_POSITIONS = 36000;
    static final int DEFAULT_WEIGHT = 100;
    static final int PROBE_LIMIT = 10;

    private final int[] positions;
    private final String[] owners;

    static HashRing of(List<String> endpoints) {
        return new HashRing(endpoints, DEFAULT_WEIGHT);
    }

    /** Another weight exists only to replay the placements contrib's own tests publish. */
    HashRing(List<String> endpoints, int weight) {
        String[] slots = new String[MAX_POSITIONS];
        int placed = 0;
        for (String endpoint : endpoints) {
            byte[] bytes = endpoint.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < weight; i++) {
                int slot = position(bytes, i);
                int probed = 0;
                while (slots[slot] != null && probed < PROBE_LIMIT) {
                    slot = (slot + 1) % MAX_POSITIONS;
                    probed++;
                }
                if (probed < PROBE_LIMIT) {
                    slots[slot] = endpoint;
                    placed++;
                }
            }
        }
        positions = new int[placed];
        owners = new String[placed];
        for (int slot = 0, n = 0; slot < MAX_POSITIONS; slot++) {
            if (slots[slot] != null) {
                positions[n] = slot;
                owners[n++] = slots[slot];
            }
        }
    }

    /** The endpoint that owns {@code key} (a trace ID's 16 bytes, or a service name's UTF-8), or null for an empty ring. */
    String endpointFor(byte[] key) {
        CRC32 crc = new CRC32();
        crc.update(key);
        return endpointAt((int) (crc.getValue() % MAX_POSITIONS));
    }

    /** The endpoint of the first point at or after {@code position}, wrapping around; null for an empty ring. */
    String endpointAt(int position) {
        if (positions.length == 0) {
            return null;
        }
        int index = Arrays.binarySearch(positions, position);
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

    private static int position(byte[] endpoint, int index) {
        CRC32 crc = new CRC32();
        crc.update(endpoint);
        crc.update(new byte[] {(byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)});
        return (int) (crc.getValue() % MAX_POSITIONS);
    }
}
