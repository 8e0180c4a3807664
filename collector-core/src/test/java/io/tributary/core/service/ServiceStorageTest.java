package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.extension.filestorage.FileStorageFactory;
import io.tributary.testkit.TestTraces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exporter's {@code sending_queue::storage} against the service's extensions. */
class ServiceStorageTest {
    /** The settings of an exporter built on the helper, as every real exporter's are. */
    public record QueuedSettings(QueueConfig sendingQueue) {
        public static final QueuedSettings DEFAULT = new QueuedSettings(QueueConfig.DEFAULT);
    }

    private final List<Traces> sent = new CopyOnWriteArrayList<>();

    /** {@code queued}: an exporter whose sender records what it is given. */
    private final class QueuedFactory implements ExporterFactory<QueuedSettings> {
        @Override
        public String type() {
            return "queued";
        }

        @Override
        public Class<QueuedSettings> configType() {
            return QueuedSettings.class;
        }

        @Override
        public QueuedSettings defaultConfig() {
            return QueuedSettings.DEFAULT;
        }

        @Override
        public Exporter create(ComponentContext context, QueuedSettings config) {
            return new ExporterHelper(context, Duration.ofSeconds(5), config.sendingQueue(), RetryConfig.DEFAULT, new Sender() {
                @Override
                public void send(Traces traces, Duration timeout) {
                    sent.add(traces);
                }

                @Override
                public void shutdown() {
                }
            });
        }
    }

    @TempDir
    Path dir;

    private final TestComponents components = new TestComponents();
    private Service service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown();
        }
    }

    private List<String> validate(String yaml) {
        return Service.validate(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get),
                        components.registry(new QueuedFactory(), new FileStorageFactory())).stream()
                .map(ConfigError::toString).toList();
    }

    private String config(String storage, String serviceExtensions) {
        return """
                extensions:
                  file_storage:
                    directory: %s
                receivers:
                  push:
                exporters:
                  queued:
                    sending_queue:
                      storage: %s
                service:
                  extensions: [%s]
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [queued]
                  telemetry:
                    metrics:
                      level: none
                """.formatted(dir, storage, serviceExtensions);
    }

    @Test
    void storageNamingAnUndefinedExtensionIsAConfigErrorAtItsKey() {
        assertThat(validate(config("file_storage/typo", "file_storage"))).singleElement().asString()
                .contains("test.yaml:9")
                .contains("exporters::queued::sending_queue::storage")
                .contains("'file_storage/typo' which is not defined under 'extensions'");
    }

    @Test
    void storageNamingAnExtensionMissingFromServiceExtensionsIsAConfigError() {
        assertThat(validate(config("file_storage", ""))).singleElement().asString()
                .contains("exporters::queued::sending_queue::storage")
                .contains("not listed in service::extensions");
    }

    @Test
    void storageNamingARunningExtensionValidates() {
        assertThat(validate(config("file_storage", "file_storage"))).isEmpty();
    }

    @Test
    void exporterKeepsItsQueueInTheStorageDirectoryAndSends() throws Exception {
        service = components.build(config("file_storage", "file_storage"), new QueuedFactory(), new FileStorageFactory());
        service.start();
        Traces traces = Traces.of(List.of(TestTraces.resource("svc", TestTraces.span("s"))));

        components.receiver("push").push(traces);
        service.shutdown();

        assertThat(sent).singleElement().satisfies(t -> assertThat(t.encoded()).isEqualTo(traces.encoded()));
        assertThat(dir.resolve("exporter_queued__traces")).isDirectory();
        assertThat(Files.list(dir.resolve("exporter_queued__traces")).map(p -> p.getFileName().toString()))
                .contains("lock", "head");
    }
}
