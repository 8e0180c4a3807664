package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void groupsThreadsByNameWithoutTheirNumbers() {
        assertThat(ProcessCpu.group("tributary-io-1-2")).isEqualTo("tributary-io");
        assertThat(ProcessCpu.group("GC Thread#3")).isEqualTo("GC Thread");
        assertThat(ProcessCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ProcessCpu.group("1234")).isEqualTo("1234");
    }

    @Test
    void readsTheCpuOfEachThreadGroupOfARunningProcess() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread probe = new Thread(() -> {
            started.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-probe-7");
        probe.start();
        started.await();
        try {
            ProcessCpu cpu = new ProcessCpu(ProcessHandle.current().pid(), 100);

            assertThat(cpu.byThreadGroup()).containsKey("cpu-probe")
                    .allSatisfy((group, use) -> assertThat(use.seconds()).isNotNegative());
            // The probe blocked on the latch at least once after it started: a voluntary switch.
            assertThat(cpu.byThreadGroup().get("cpu-probe").voluntarySwitches()).isPositive();
            assertThat(cpu.byThreadGroup().get("cpu-probe").threads()).isEqualTo(1);
            assertThat(cpu.byThreadGroup().values().stream().mapToDouble(ProcessCpu.Use::seconds).sum())
                    .isPositive()
                    .isLessThanOrEqualTo(cpu.seconds() + 0.05);
        } finally {
            done.countDown();
            probe.join();
        }
    }
}
