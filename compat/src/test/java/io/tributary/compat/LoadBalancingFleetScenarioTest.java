package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class LoadBalancingFleetScenarioTest {
    @Test
    void drawsOneTraceIdForEachPositionOfOtelcolsRingTheSameEachTime() {
        byte[][] traceIds = LoadBalancingFleetScenario.onePerRingPosition();

        assertThat(traceIds.length).isEqualTo(LoadBalancingFleetScenario.RING_POSITIONS);
        CRC32 crc = new CRC32();
        for (int position = 0; position < traceIds.length; position++) {
            crc.reset();
            crc.update(traceIds[position]);
            assertThat(crc.getValue() % LoadBalancingFleetScenario.RING_POSITIONS).as("position %d", position).isEqualTo(position);
        }
        assertThat(LoadBalancingFleetScenario.onePerRingPosition()).isDeepEqualTo(traceIds);
    }
}
