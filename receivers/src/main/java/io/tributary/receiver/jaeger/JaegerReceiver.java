package io.tributary.receiver.jaeger;

import io.tributary.receiver.configgrpc.GrpcReceiverServer;
import io.tributary.receiver.confighttp.HttpReceiverServer;
import io.tributary.core.net.HttpServerConfig;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.component.Receiver;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.HttpServer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocolFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jaeger} receiver: the collector's gRPC and Thrift-over-HTTP ports and the agent's UDP
 * ports, whichever the config names. {@link #addresses()} keys are the protocol names.
 */
final class JaegerReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(JaegerReceiver.class);

    static final String THRIFT_HTTP = "thrift_http";
    static final String THRIFT_COMPACT = "thrift_compact";
    static final String THRIFT_BINARY = "thrift_binary";
    static final String GRPC = "grpc";

    private final ComponentContext context;
    private final JaegerProtocols protocols;
    private final TracesConsumer next;
    private final RateLimitedLog undecodableLog;
    private final Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
    private final Map<String, AutoCloseable> servers = new LinkedHashMap<>();
    private boolean stopped;

    JaegerReceiver(ComponentContext context, JaegerReceiverConfig config, TracesConsumer next) {
        config.validate();
        this.context = context;
        this.protocols = config.protocols();
        this.next = next;
        this.undecodableLog = new RateLimitedLog(LOG, context.clock());
    }

    @Override
    public synchronized void start(Host host) throws Exception {
        try {
            if (protocols.grpc() != null) {
                GrpcReceiverServer grpc = JaegerGrpcServer.start(protocols.grpc(), path(GRPC), context, host, delivery("grpc"));
                register(GRPC, grpc.address(), grpc::shutdown);
            }
            if (protocols.thriftHttp() != null) {
                HttpServerConfig config = protocols.thriftHttp();
                HttpServer http = HttpReceiverServer.start(config, path(THRIFT_HTTP), "Starting HTTP server for Jaeger Thrift", context, host,
                        new ThriftHttpHandler(config.maxBodyBytes(), delivery("collector_http")));
                register(THRIFT_HTTP, http.address(), http::close);
            }
            if (protocols.thriftCompact() != null) {
                startUdp(THRIFT_COMPACT, protocols.thriftCompact(), new TCompactProtocol.Factory(), "udp_thrift_compact",
                        "Starting UDP server for Compact Thrift");
            }
            if (protocols.thriftBinary() != null) {
                startUdp(THRIFT_BINARY, protocols.thriftBinary(), new TBinaryProtocol.Factory(), "udp_thrift_binary",
                        "Starting UDP server for Binary Thrift");
            }
        } catch (Exception e) {
            shutdown();
            throw e;
        }
    }

    private void startUdp(String name, UdpConfig config, TProtocolFactory protocol, String transport, String startMessage)
            throws Exception {
        UdpAgentServer server = UdpAgentServer.start(name, config, protocol, context.eventLoops(), delivery(transport),
                context.telemetry().receiverRefusedMessages(context.id(), transport, "queue_full"));
        ComponentLog.of(LOG.atInfo(), Kind.RECEIVER, context.id())
                .addKeyValue("endpoint", HostPort.format(server.address())).log(startMessage);
        register(name, server.address(), server::shutdown);
    }

    private String path(String protocol) {
        return "receivers::" + context.id() + "::protocols::" + protocol;
    }

    private void register(String protocol, SocketAddress address, AutoCloseable server) {
        if (address instanceof InetSocketAddress inet) {
            addresses.put(protocol, inet);
        }
        servers.put(protocol, server);
    }

    private Delivery delivery(String transport) {
        return new Delivery(next, context.telemetry().receiver(context.id(), transport),
                context.telemetry().receiverRefusedMessages(context.id(), transport, "undecodable"), undecodableLog);
    }

    @Override
    public synchronized Map<String, InetSocketAddress> addresses() {
        return Map.copyOf(addresses);
    }

    @Override
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        servers.forEach((protocol, server) -> {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("stopping jaeger {} failed", protocol, e);
            }
        });
    }
}
