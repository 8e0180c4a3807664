package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigException;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.ReceiverFactory;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JaegerReceiverConfigTest {
    private final JaegerFixture fixture = new JaegerFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void bareProtocolsGetOtelcolDefaults() {
        JaegerProtocols protocols = JaegerFixture.config("""
                protocols:
                  grpc:
                  thrift_http:
                  thrift_compact:
                  thrift_binary:
                """).protocols();

        assertThat(protocols.grpc().endpoint()).isEqualTo("localhost:14250");
        assertThat(protocols.thriftHttp().endpoint()).isEqualTo("localhost:14268");
        assertThat(protocols.thriftCompact()).isEqualTo(new UdpConfig("localhost:6831", 1000, 65_000, 10, 0));
        assertThat(protocols.thriftBinary()).isEqualTo(new UdpConfig("localhost:6832", 1000, 65_000, 10, 0));
    }

    @Test
    void udpSettingsBind() {
        UdpConfig compact = JaegerFixture.config("""
                protocols:
                  thrift_compact:
                    endpoint: 0.0.0.0:6831
                    queue_size: 5_000
                    max_packet_size: 131_072
                    workers: 50
                    socket_buffer_size: 8_388_608
                """).protocols().thriftCompact();

        assertThat(compact).isEqualTo(new UdpConfig("0.0.0.0:6831", 5000, 131_072, 50, 8_388_608));
    }

    @Test
    void noProtocolIsAConfigError() {
        assertThatThrownBy(() -> JaegerFixture.config("protocols:\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one protocol");
        assertThatThrownBy(() -> JaegerFixture.config("{}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one protocol");
    }

    @Test
    void aUnixSocketPathIsRefusedForGrpcAsOtelcolRequiresHostPort() {
        assertThatThrownBy(() -> JaegerFixture.config("""
                protocols:
                  grpc:
                    transport: unix
                    endpoint: /run/jaeger.sock
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("receivers::jaeger::protocols")
                .hasMessageContaining("invalid port number for the gRPC endpoint: endpoint '/run/jaeger.sock' has no port");
    }

    @Test
    void aUnixSocketPathIsRefusedForThriftHttpToo() {
        assertThatThrownBy(() -> JaegerFixture.config("""
                protocols:
                  thrift_http:
                    transport: unix
                    endpoint: /run/jaeger-http.sock
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid port number for the Thrift HTTP endpoint: endpoint '/run/jaeger-http.sock' has no port");
    }

    @Test
    void remoteSamplingIsRefusedAsNotSupported() {
        assertThatThrownBy(() -> JaegerFixture.config("""
                protocols:
                  grpc:
                remote_sampling:
                  host_endpoint: 0.0.0.0:5778
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("remote_sampling is not supported");
    }

    @Test
    void onlyListedProtocolsStart() throws Exception {
        fixture.start("""
                protocols:
                  thrift_binary:
                    endpoint: 127.0.0.1:0
                """);

        assertThat(fixture.receiver().addresses()).containsOnlyKeys(JaegerReceiver.THRIFT_BINARY);
    }

    @Test
    void everyProtocolStartsOnItsOwnPort() throws Exception {
        fixture.startAll();

        assertThat(fixture.receiver().addresses()).containsOnlyKeys(JaegerReceiver.GRPC, JaegerReceiver.THRIFT_HTTP,
                JaegerReceiver.THRIFT_COMPACT, JaegerReceiver.THRIFT_BINARY);
        assertThat(fixture.receiver().addresses().values()).allSatisfy(a -> assertThat(a.getPort()).isPositive());
    }

    @Test
    void factoryIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ReceiverFactory.class).stream().map(ServiceLoader.Provider::get)
                .map(ComponentFactory::type)).contains("jaeger");
    }

    @Test
    void shutdownReleasesThePortsAndMayBeRepeated() throws Exception {
        fixture.startAll();
        InetSocketAddress compact = fixture.address(JaegerReceiver.THRIFT_COMPACT);

        fixture.receiver().shutdown();
        fixture.receiver().shutdown();

        try (DatagramSocket rebound = new DatagramSocket(compact)) {
            assertThat(rebound.getLocalPort()).isEqualTo(compact.getPort());
        }
    }
}
