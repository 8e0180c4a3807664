package io.tributary.receiver.jaeger;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Host;
import io.tributary.core.component.Receiver;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.core.net.EventLoops;
import io.tributary.testkit.Await;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A started {@code jaeger} receiver on real sockets, with real threads, feeding a {@link RecordingConsumer}. */
final class JaegerFixture implements AutoCloseable {
    static final ComponentId ID = new ComponentId("jaeger", "");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final RecordingConsumer consumer = new RecordingConsumer();
    final Telemetry telemetry = Telemetry.noop();
    private final EventLoopGroup loops = EventLoops.newGroup(new DefaultThreadFactory("test-io", true));
    private final ThreadPoolExecutor workers =
            new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(64));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ComponentContext context = TestContext.of(ID).telemetry(telemetry).eventLoops(loops).workers(workers).scheduler(scheduler).build();
    private Receiver receiver;

    /** Binds the YAML of the {@code jaeger} section, as the service does. */
    static JaegerReceiverConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "receivers::jaeger",
                JaegerReceiverConfig.class, new JaegerReceiverFactory().defaultConfig());
    }

    /** Every protocol, each on an ephemeral port. */
    JaegerFixture startAll() throws Exception {
        return start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                  thrift_http:
                    endpoint: 127.0.0.1:0
                  thrift_compact:
                    endpoint: 127.0.0.1:0
                  thrift_binary:
                    endpoint: 127.0.0.1:0
                """);
    }

    JaegerFixture start(String yaml) throws Exception {
        return start(yaml, consumer);
    }

    JaegerFixture start(String yaml, TracesConsumer next) throws Exception {
        return start(yaml, next, id -> Optional.empty());
    }

    /** Starts with {@code host}'s extensions, e.g. an authenticator. */
    JaegerFixture start(String yaml, TracesConsumer next, Host host) throws Exception {
        receiver = new JaegerReceiverFactory().create(context, config(yaml), next);
        receiver.start(host);
        return this;
    }

    Receiver receiver() {
        return receiver;
    }

    InetSocketAddress address(String protocol) {
        return receiver.addresses().get(protocol);
    }

    String tracesUrl() {
        return "http://127.0.0.1:" + address(JaegerReceiver.THRIFT_HTTP).getPort() + ThriftHttpHandler.PATH;
    }

    double accepted(String transport) {
        return count("otelcol.receiver.accepted.spans", transport, null);
    }

    double refusedSpans(String transport) {
        return count("otelcol.receiver.refused.spans", transport, null);
    }

    double refusedMessages(String transport, String reason) {
        return count("tributary.receiver.refused.messages", transport, reason);
    }

    void awaitRefusedMessages(String transport, String reason, double count) {
        Await.until(() -> refusedMessages(transport, reason) >= count, TIMEOUT,
                () -> "refused " + reason + " messages on " + transport + ": " + refusedMessages(transport, reason));
    }

    private double count(String name, String transport, String reason) {
        var search = telemetry.registry().find(name).tags("receiver", ID.toString(), "transport", transport);
        Counter counter = (reason == null ? search : search.tag("reason", reason)).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.shutdown();
        }
        workers.shutdownNow();
        scheduler.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
