package io.tributary.core.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sending_queue} binds as otelcol's exporterhelper QueueBatchConfig does, defaults and checks included. */
class QueueConfigTest {
    private static QueueConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", n -> null), "exporters::otlp::sending_queue", QueueConfig.class,
                QueueConfig.DEFAULT);
    }

    @Test
    void defaultsAreOtelcols() {
        QueueConfig queue = bind("enabled: true");

        assertThat(queue.numConsumers()).isEqualTo(10);
        assertThat(queue.queueSize()).isEqualTo(1000);
        assertThat(queue.effectiveSizer()).isEqualTo(Sizer.REQUESTS);
        assertThat(queue.waitForResult()).isFalse();
        assertThat(queue.blockOnOverflow()).isFalse();
        assertThat(queue.batch()).isNull();
    }

    @Test
    void aBareBatchKeyBatchesWithOtelcolsDefaults() {
        assertThat(bind("batch:").batch()).isEqualTo(new QueueBatchConfig(Duration.ofMillis(200), Sizer.ITEMS, 8192, 0));
    }

    @Test
    void theBatchSizerFollowsAQueueSizerThatIsSet() {
        assertThat(bind("sizer: bytes\nqueue_size: 2000\nbatch:\n  min_size: 100").batch().sizer()).isEqualTo(Sizer.BYTES);
        assertThat(bind("queue_size: 2000\nbatch:\n  min_size: 100").batch().sizer()).isEqualTo(Sizer.ITEMS);
        assertThat(bind("sizer: items\nqueue_size: 2000\nbatch:\n  min_size: 100\n  sizer: bytes").batch().sizer()).isEqualTo(Sizer.BYTES);
    }

    @Test
    void keysBind() {
        QueueConfig queue = bind("""
                wait_for_result: true
                block_on_overflow: true
                batch:
                  flush_timeout: 1s
                  min_size: 10
                  max_size: 20
                """);

        assertThat(queue.waitForResult()).isTrue();
        assertThat(queue.blockOnOverflow()).isTrue();
        assertThat(queue.batch()).isEqualTo(new QueueBatchConfig(Duration.ofSeconds(1), Sizer.ITEMS, 10, 20));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "sizer: requests\\nbatch:\\n  min_size: 10 | `batch` supports only `items` or `bytes` sizer, found \"requests\"",
            "batch:\\n  sizer: requests | `batch` supports only `items` or `bytes` sizer, found \"requests\"",
            "batch:\\n  flush_timeout: 0s | `flush_timeout` must be positive",
            "batch:\\n  min_size: -1 | `min_size` must be non-negative, found -1",
            "batch:\\n  max_size: -1 | `max_size` must be non-negative, found -1",
            "batch:\\n  min_size: 20\\n  max_size: 10 | `max_size` (10) must be greater or equal to `min_size` (20)",
            "queue_size: 10\\nsizer: items\\nbatch:\\n  min_size: 11 | `min_size` must be less than or equal to `queue_size`",
            "wait_for_result: true\\nstorage: file_storage | `wait_for_result` is not supported with a persistent queue configured with `storage`",
            "batch:\\n  sizer: bytes\\n  min_size: 10\\n  max_size: 1000 | `max_size` with the `bytes` sizer is not supported",
            "blocking: true | unknown key 'blocking'",
    })
    void rejectsWithTheKeyPath(String yaml, String message) {
        assertThatThrownBy(() -> bind(yaml.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exporters::otlp::sending_queue")
                .hasMessageContaining(message);
    }

    @Test
    void aMinSizeAboveAQueueSizeInOtherUnitsIsFine() {
        assertThat(bind("queue_size: 10\nbatch:\n  min_size: 100").batch().minSize()).isEqualTo(100);
    }
}
