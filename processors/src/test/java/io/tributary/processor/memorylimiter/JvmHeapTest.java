package io.tributary.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real heap reading: it follows live data, and garbage made since the last collection does not count. */
class JvmHeapTest {
    private static final long MIB = FakeHeap.MIB;

    private final JvmHeap heap = new JvmHeap();
    /** Written so the JIT cannot prove the garbage unused and skip allocating it. */
    private long sink;

    @Test
    void followsLiveDataAcrossCollections() {
        byte[] live = new byte[(int) (64 * MIB)];
        heap.collect();
        long withLive = heap.usedBytes();
        assertThat(withLive).isGreaterThanOrEqualTo(64 * MIB);

        sink += live.length;
        live = null;
        heap.collect();

        assertThat(heap.usedBytes()).isLessThan(withLive - 60 * MIB);
    }

    @Test
    void garbageMadeSinceTheLastCollectionDoesNotCount() {
        heap.collect();
        long afterGc = heap.usedBytes();

        for (int i = 0; i < 64 * 1024; i++) {
            byte[] garbage = new byte[1024];
            sink += garbage.length;
        }

        assertThat(heap.usedBytes()).as("64 MiB of garbage later").isLessThan(afterGc + 16 * MIB);
    }

    @Test
    void theMaxIsTheJvmsMaxHeap() {
        assertThat(heap.maxBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
    }
}
