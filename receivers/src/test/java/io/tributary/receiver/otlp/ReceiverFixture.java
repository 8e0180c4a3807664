package io.tributary.receiver.otlp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Receiver;
import io.tributary.core.consumer.Consumers;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.core.net.EventLoops;
import io.tributary.testkit.Recording;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A started {@code otlp} receiver on real sockets, with real threads, feeding a {@link RecordingConsumer}. */
final class ReceiverFixture implements AutoCloseable {
    static final ComponentId ID = new ComponentId("otlp", "");

    final RecordingConsumer consumer = new RecordingConsumer();
    final Recording<Metrics> metrics = Recording.create();
    final Recording<Logs> logs = Recording.create();
    final Telemetry telemetry = Telemetry.noop();
    private final EventLoopGroup loops = EventLoops.newGroup(new DefaultThreadFactory("test-io", true));
    private final ThreadPoolExecutor workers =
            new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(64));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final ComponentContext context = TestContext.of(ID).telemetry(telemetry).eventLoops(loops).workers(workers).scheduler(scheduler).build();
    private Receiver receiver;

    /** Binds the YAML of the {@code otlp} section, as the service does. */
    static OtlpReceiverConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "receivers::otlp",
                OtlpReceiverConfig.class, new OtlpReceiverFactory().defaultConfig());
    }

    ReceiverFixture start(String yaml) throws Exception {
        return start(yaml, id -> java.util.Optional.empty());
    }

    /** Starts as a receiver listed by pipelines of all three signals, each recorded. */
    ReceiverFixture startAllSignals(String yaml) throws Exception {
        receiver = new OtlpReceiverFactory().create(context, config(yaml), new Consumers(consumer, metrics, logs));
        receiver.start(id -> java.util.Optional.empty());
        return this;
    }

    /** Starts with {@code host}'s extensions, e.g. an authenticator. */
    ReceiverFixture start(String yaml, io.tributary.core.component.Host host) throws Exception {
        receiver = new OtlpReceiverFactory().create(context, config(yaml), consumer);
        receiver.start(host);
        return this;
    }

    Map<String, InetSocketAddress> addresses() {
        return receiver.addresses();
    }

    InetSocketAddress grpc() {
        return receiver.addresses().get("grpc");
    }

    String httpUrl(String path) {
        InetSocketAddress http = receiver.addresses().get("http");
        return "http://127.0.0.1:" + http.getPort() + path;
    }

    Receiver receiver() {
        return receiver;
    }

    double accepted(String transport) {
        return count("otelcol.receiver.accepted.spans", transport);
    }

    double refused(String transport) {
        return count("otelcol.receiver.refused.spans", transport);
    }

    /** {@code otelcol_receiver_<outcome>_<items>}, e.g. accepted metric points: {@code count("accepted", "metric_points", "http")}. */
    double count(String outcome, String items, String transport) {
        return count("otelcol.receiver." + outcome + "." + items.replace('_', '.'), transport);
    }

    private double count(String name, String transport) {
        Counter counter = telemetry.registry().find(name)
                .tags("receiver", ID.toString(), "transport", transport).counter();
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
