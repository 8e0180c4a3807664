package io.tributary.extension.filestorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Kind;
import io.tributary.core.component.StorageDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageExtensionTest {
    @TempDir
    Path dir;

    private FileStorageConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "extensions::file_storage",
                FileStorageConfig.class, FileStorageConfig.DEFAULT);
    }

    private FileStorageExtension started(String yaml) throws Exception {
        FileStorageExtension extension = new FileStorageExtension(config(yaml));
        extension.start(null);
        return extension;
    }

    @Test
    void defaultsAreContribs() {
        assertThat(FileStorageConfig.DEFAULT.directory()).isEqualTo("/var/lib/otelcol/file_storage");
        assertThat(FileStorageConfig.DEFAULT.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(FileStorageConfig.DEFAULT.fsync()).isFalse();
        assertThat(FileStorageConfig.DEFAULT.createDirectory()).isFalse();
        assertThat(FileStorageConfig.DEFAULT.directoryPermissions()).isEqualTo("0750");
        assertThat(FileStorageConfig.DEFAULT.compaction()).isEqualTo(new FileStorageConfig.Compaction(
                false, false, "/var/lib/otelcol/file_storage", 65536, 100, 10, Duration.ofSeconds(5), false));
    }

    @Test
    void everyContribKeyBinds() {
        FileStorageConfig config = config("""
                directory: %s
                timeout: 2s
                fsync: true
                create_directory: true
                directory_permissions: "0700"
                compaction:
                  on_start: true
                  on_rebound: true
                  directory: %s
                  max_transaction_size: 65_536
                  rebound_needed_threshold_mib: 50
                  rebound_trigger_threshold_mib: 5
                  check_interval: 10s
                  cleanup_on_start: true
                """.formatted(dir, dir));

        assertThat(config.fsync()).isTrue();
        assertThat(config.compaction().reboundNeededThresholdMib()).isEqualTo(50);
    }

    @Test
    void missingDirectoryIsAConfigErrorUnlessItIsToBeCreated() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> config("directory: " + missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("directory must exist")
                .hasMessageContaining("create_directory");
        assertThat(config("directory: " + missing + "\ncreate_directory: true").directory()).isEqualTo(missing.toString());
    }

    @Test
    void badDirectoryPermissionsAreAConfigError() {
        assertThatThrownBy(() -> config("directory: " + dir + "\ncreate_directory: true\ndirectory_permissions: \"0789\""))
                .hasMessageContaining("directory_permissions value must be a valid octal representation");
    }

    @Test
    void createDirectoryCreatesItWithThePermissions() throws Exception {
        Path created = dir.resolve("a/b");

        started("directory: " + created + "\ncreate_directory: true\ndirectory_permissions: \"0700\"");

        assertThat(created).isDirectory();
        assertThat(Files.getPosixFilePermissions(created)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void eachComponentGetsADirectoryNamedAsContribNamesItsFile() throws Exception {
        FileStorageExtension extension = started("directory: " + dir);

        try (StorageDirectory plain = extension.open(Kind.EXPORTER, ComponentId.parse("otlp"), "traces");
                StorageDirectory named = extension.open(Kind.EXPORTER, ComponentId.parse("otlp/a/b~"), "traces")) {
            assertThat(plain.path()).isEqualTo(dir.resolve("exporter_otlp__traces")).isDirectory();
            assertThat(named.path()).isEqualTo(dir.resolve("exporter_otlp_a~002Fb~007E_traces"));
        }
    }

    @Test
    void aDirectoryInUseIsRefusedAfterTheTimeoutAndFreeAgainOnceClosed() throws Exception {
        FileStorageExtension extension = started("directory: " + dir + "\ntimeout: 50ms");
        StorageDirectory first = extension.open(Kind.EXPORTER, ComponentId.parse("otlp"), "traces");

        assertThatThrownBy(() -> extension.open(Kind.EXPORTER, ComponentId.parse("otlp"), "traces"))
                .hasMessageContaining("in use");
        first.close();
        extension.open(Kind.EXPORTER, ComponentId.parse("otlp"), "traces").close();
    }

    @Test
    void fsyncIsPassedToTheDirectory() throws Exception {
        try (StorageDirectory directory = started("directory: " + dir + "\nfsync: true")
                .open(Kind.EXPORTER, ComponentId.parse("otlp"), "traces")) {
            assertThat(directory.fsync()).isTrue();
        }
    }
}
