package io.tributary.testkit;

import java.nio.ByteBuffer;

/**
 * Vigna's SplitMix64: a tiny generator with a published reference, so that ids drawn from a seed
 * are the same in a unit test, in the compatibility lab and in any script that regenerates them.
 * Not thread-safe.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        state = seed;
    }

    public long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 16-byte trace ID: the next two outputs, big-endian. */
    public byte[] nextTraceId() {
        return ByteBuffer.allocate(16).putLong(nextLong()).putLong(nextLong()).array();
    }
}
