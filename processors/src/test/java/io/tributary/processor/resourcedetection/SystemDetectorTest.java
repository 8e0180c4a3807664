package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The system detector on the machine the tests run on (Linux). */
class SystemDetectorTest {
    private final Detecting detecting = new Detecting();

    @AfterEach
    void close() {
        detecting.close();
    }

    @Test
    void byDefaultAddsTheHostNameAndOsType() throws Exception {
        detecting.start("{detectors: [system], system: {hostname_sources: [os]}}");

        assertThat(detecting.resourceAfter()).containsExactly(
                attribute("host.name", Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()),
                attribute("os.type", "linux"));
    }

    @Test
    void theOtherAttributesWhenEnabled() throws Exception {
        detecting.start("""
                detectors: [system]
                system:
                  hostname_sources: [os]
                  resource_attributes:
                    host.id: {enabled: true}
                    host.arch: {enabled: true}
                    os.description: {enabled: true}
                    host.ip: {enabled: true}
                    host.interface: {enabled: true}
                    host.cpu.model.name: {enabled: true}
                    host.cpu.cache.l2.size: {enabled: true}
                """);

        Map<String, KeyValue> resource = detecting.resourceAfter().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv));
        assertThat(resource).containsKeys("host.name", "os.type", "host.arch", "os.description", "host.interface", "host.ip",
                "host.cpu.model.name", "host.cpu.cache.l2.size");
        assertThat(resource.get("host.arch").getValue().getStringValue()).isEqualTo(SystemDetector.hostArch(System.getProperty("os.arch")));
        assertThat(resource.get("os.description").getValue().getStringValue()).contains("Linux");
        assertThat(resource.get("host.interface").getValue().getArrayValue().getValuesList()).extracting(v -> v.getStringValue()).contains("lo");
        assertThat(resource.get("host.ip").getValue().getArrayValue().getValuesList()).extracting(v -> v.getStringValue())
                .doesNotContain("127.0.0.1", "::1");
        assertThat(resource.get("host.cpu.cache.l2.size").getValue().hasIntValue()).isTrue();
        Path machineId = Path.of("/etc/machine-id");
        assumeThat(Files.exists(machineId) && !Files.readString(machineId).isBlank()).isTrue();
        assertThat(resource.get("host.id")).isEqualTo(attribute("host.id", Files.readString(machineId).strip()));
    }

    @Test
    void theFirstHostnameSourceThatAnswersWins() throws Exception {
        String canonical = InetAddress.getByName(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).getCanonicalHostName();
        detecting.start("{detectors: [system], system: {hostname_sources: [dns, os]}}");

        assertThat(detecting.resourceAfter().get(0).getValue().getStringValue()).isIn(canonical,
                Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
    }

    @Test
    void mapsJvmArchitecturesToOtelcols() {
        assertThat(List.of("amd64", "x86_64", "aarch64", "i386", "arm", "ppc64le", "s390x").stream().map(SystemDetector::hostArch))
                .containsExactly("amd64", "amd64", "arm64", "x86", "arm32", "ppc64", "s390x");
    }

    @Test
    void writesIpv6AddressesAsGoDoes() throws Exception {
        assertThat(SystemDetector.text(InetAddress.getByName("fe80:0:0:0:1c2:3ff:fe04:506"))).isEqualTo("fe80::1c2:3ff:fe04:506");
        assertThat(SystemDetector.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(SystemDetector.text(InetAddress.getByName("10.0.0.7"))).isEqualTo("10.0.0.7");
    }
}
