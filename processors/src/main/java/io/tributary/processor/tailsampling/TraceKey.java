package io.tributary.processor.tailsampling;

/** A 16-byte trace ID as two big-endian longs: a map key without an array. */
record TraceKey(long high, long low) {
    static TraceKey of(byte[] buf, int from) {
        return new TraceKey(bigEndian(buf, from), bigEndian(buf, from + 8));
    }

    byte[] bytes() {
        byte[] id = new byte[16];
        for (int i = 0; i < 8; i++) {
            id[i] = (byte) (high >>> (56 - 8 * i));
            id[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return id;
    }

    private static long bigEndian(byte[] buf, int from) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (buf[from + i] & 0xFF);
        }
        return value;
    }
}
