package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.Sizer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBalancingExporterConfigTest {
    @Test
    void takesTheOtlpExportersSettingsWithoutAnEndpointAndOtelcolsDefaults() {
        LoadBalancingExporterConfig config = bind("""
                protocol:
                  otlp:
                    timeout: 1s
                    tls: {insecure: true}
                resolver:
                  dns: {hostname: gateway-headless.observability}
                """);

        assertThat(config.key()).isEqualTo(RoutingKey.TRACE_ID);
        assertThat(config.protocol().otlp().client().endpoint()).isNull();
        assertThat(config.protocol().otlp().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.protocol().otlp().sendingQueue().enabled()).isTrue();
        assertThat(config.resolver().dns()).isEqualTo(new LoadBalancingExporterConfig.DnsResolverConfig(
                "gateway-headless.observability", "4317", Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThat(config.timeout()).isZero();
        assertThat(config.sendingQueue().enabled()).isFalse();
        assertThat(config.retryOnFailure().enabled()).isFalse();
    }

    @Test
    void bindsTheStaticAndK8sResolversAndTheTopLevelResilienceSettings() {
        LoadBalancingExporterConfig config = bind("""
                routing_key: service
                timeout: 10s
                sending_queue: {enabled: true, queue_size: 50}
                retry_on_failure: {enabled: true}
                resolver:
                  k8s: {service: lb-svc.kube-public, ports: [15317, 16317], return_hostnames: true}
                """);

        assertThat(config.key()).isEqualTo(RoutingKey.SERVICE);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.sendingQueue().queueSize()).isEqualTo(50);
        assertThat(config.retryOnFailure().enabled()).isTrue();
        assertThat(config.resolver().k8s()).isEqualTo(new LoadBalancingExporterConfig.K8sResolverConfig(
                "lb-svc.kube-public", List.of(15317, 16317), Duration.ofSeconds(1), true));
        assertThat(bind("resolver: {static: {hostnames: [b:4317, a]}}").resolver().staticResolver().hostnames())
                .containsExactly("b:4317", "a");
    }

    @Test
    void backendQueuesTakeEveryQueueKeyOfTheOtlpExporter() {
        QueueConfig persistent = bind("""
                protocol: {otlp: {sending_queue: {sizer: items, storage: file_storage}}}
                resolver: {static: {hostnames: [a]}}""").protocol().otlp().sendingQueue();
        assertThat(persistent.effectiveSizer()).isEqualTo(Sizer.ITEMS);
        assertThat(persistent.storage()).isEqualTo("file_storage");
        QueueConfig batching = bind("""
                protocol: {otlp: {sending_queue: {sizer: bytes, queue_size: 1000000, wait_for_result: true, block_on_overflow: true, batch: {flush_timeout: 1s}}}}
                resolver: {static: {hostnames: [a]}}""").protocol().otlp().sendingQueue();
        assertThat(batching.effectiveSizer()).isEqualTo(Sizer.BYTES);
        assertThat(batching.waitForResult()).isTrue();
        assertThat(batching.blockOnOverflow()).isTrue();
        assertThat(batching.batch()).isNotNull();
    }

    @Test
    void refusesAConfigWithoutAResolver() {
        assertThatThrownBy(() -> bind("protocol: {otlp: {timeout: 1s}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no resolvers specified for the exporter");
    }

    @Test
    void refusesTwoResolvers() {
        assertThatThrownBy(() -> bind("resolver: {static: {hostnames: [a]}, dns: {hostname: b}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only one resolver should be specified");
    }

    @Test
    void refusesResolversWithoutTheirTarget() {
        assertThatThrownBy(() -> bind("resolver: {static: {hostnames: []}}"))
                .hasMessageContaining("no endpoints specified for the static resolver");
        assertThatThrownBy(() -> bind("resolver: {dns: {port: 4317}}"))
                .hasMessageContaining("no hostname specified to resolve the backends");
        assertThatThrownBy(() -> bind("resolver: {k8s: {ports: [4317]}}"))
                .hasMessageContaining("no service specified to resolve the backends");
        assertThatThrownBy(() -> bind("resolver: {aws_cloud_map: {namespace: n, service_name: s}}"))
                .hasMessageContaining("AWS Cloud Map resolver is not supported");
    }

    @Test
    void refusesRoutingKeysItCannotApplyToTraces() {
        assertThatThrownBy(() -> bind("routing_key: metric\nresolver: {static: {hostnames: [a]}}"))
                .hasMessageContaining("routing_key \"metric\" applies to metrics and logs, not traces");
        assertThatThrownBy(() -> bind("routing_key: attributes\nrouting_attributes: [http.route]\nresolver: {static: {hostnames: [a]}}"))
                .hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> bind("routing_key: spanID\nresolver: {static: {hostnames: [a]}}"))
                .hasMessageContaining("unsupported routing_key: spanID");
    }

    private static LoadBalancingExporterConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "exporters::loadbalancing",
                LoadBalancingExporterConfig.class, LoadBalancingExporterConfig.DEFAULT);
    }
}
