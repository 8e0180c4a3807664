package io.tributary.connector.servicegraph;

/**
 * Where a request's two spans meet: the trace ID and the client span's ID (a server span names
 * it as its parent). IDs are packed big-endian into longs, so an absent ID and one of zeros are
 * the same key, as pdata reads both as the empty ID.
 */
record EdgeKey(long traceIdHigh, long traceIdLow, long spanId) {
    static EdgeKey of(byte[] buf, int traceIdFrom, int traceIdTo, int spanIdFrom, int spanIdTo) {
        int traceIdMiddle = Math.min(traceIdFrom + Long.BYTES, traceIdTo);
        return new EdgeKey(pack(buf, traceIdFrom, traceIdMiddle), pack(buf, traceIdMiddle, traceIdTo), pack(buf, spanIdFrom, spanIdTo));
    }

    private static long pack(byte[] buf, int from, int to) {
        long packed = 0;
        for (int i = from; i < to; i++) {
            packed = packed << 8 | (buf[i] & 0xFF);
        }
        return packed;
    }

    /** A server span without a parent: its client is the user, once the edge expires. */
    boolean spanIdIsEmpty() {
        return spanId == 0;
    }
}
