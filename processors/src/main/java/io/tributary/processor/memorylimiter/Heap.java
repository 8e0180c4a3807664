package io.tributary.processor.memorylimiter;

/** What the limiter measures and can act on; tests substitute a heap whose usage they set. */
interface Heap {
    /** The usage compared with the limits, in bytes (see {@link JvmHeap} for what it counts). */
    long usedBytes();

    /** The most the heap may grow to, in bytes: what {@code limit_percentage} is a percentage of. */
    long maxBytes();

    /** Asks for a full collection and returns once it is done (or ignored, under -XX:+DisableExplicitGC). */
    void collect();
}
