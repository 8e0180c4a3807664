package io.tributary.core.service;

import io.tributary.config.ConfigLoader;
import io.tributary.config.Problems;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Connector;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;
import io.tributary.core.component.Host;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.consumer.Consumers;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.testkit.TestMetrics;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-test components that record what happens to them: {@code push} receivers the test drives
 * by hand, {@code pass} processors, {@code record} exporters (all three of every signal), a
 * traces-only {@code spanpass} processor, {@code relay} connectors (any signal to itself),
 * {@code tally} connectors (traces to metrics: one data point per batch) and a {@code watch} extension. Every lifecycle call and
 * every batch seen is appended to {@link #events}.
 */
public final class TestComponents {
    /**
     * Shared by every test type: {@code fail} makes consume throw, {@code fail_start} makes start
     * throw, {@code refuse_signal} makes an exporter refuse to give its consumer of that signal.
     */
    public record Settings(String fail, boolean failStart, String refuseSignal) {
        public static final Settings DEFAULT = new Settings("", false, "");
    }

    final List<String> events = new CopyOnWriteArrayList<>();
    final Map<ComponentId, Push> receivers = new ConcurrentHashMap<>();
    final Map<ComponentId, List<SignalData<?, ?>>> exported = new ConcurrentHashMap<>();

    /** The test types, plus any real factories a test wants alongside them. */
    Components registry(ComponentFactory<?>... more) {
        List<ComponentFactory<?>> factories = new ArrayList<>(List.of(new PushFactory(), new PassFactory(), new SpanPassFactory(),
                new RecordFactory(), new WatchFactory(), new RelayFactory(), new TallyFactory()));
        factories.addAll(List.of(more));
        return Components.of(factories);
    }

    Service build(String yaml, ComponentFactory<?>... more) {
        return Service.build(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), registry(more));
    }

    Push receiver(String id) {
        return receivers.get(ComponentId.parse(id));
    }

    List<Traces> exported(String id) {
        return exported(id, Traces.class);
    }

    /** What exporter {@code id} got of one signal, in order. */
    <D> List<D> exported(String id, Class<D> signal) {
        return exported.getOrDefault(ComponentId.parse(id), List.of()).stream().filter(signal::isInstance).map(signal::cast).toList();
    }

    /** Base of every test component: records its lifecycle. */
    abstract class Recorded implements io.tributary.core.component.Component {
        final String name;
        final Settings settings;

        Recorded(String kind, ComponentContext context, Settings settings) {
            this.name = kind + " " + context.id();
            this.settings = settings;
        }

        @Override
        public void start(Host host) throws Exception {
            events.add("start " + name);
            if (settings.failStart()) {
                throw new BindException("Address already in use");
            }
        }

        @Override
        public void shutdown() {
            events.add("shutdown " + name);
        }

        void failIfAsked() {
            switch (settings.fail()) {
                case "permanent" -> throw new PermanentException(name + " refuses");
                case "retryable" -> throw new RetryableException(name + " is busy");
                default -> { }
            }
        }
    }

    final class Push extends Recorded implements Receiver {
        final Consumers next;

        Push(ComponentContext context, Settings settings, Consumers next) {
            super("receiver", context, settings);
            this.next = next;
            receivers.put(context.id(), this);
        }

        void push(Traces traces) {
            next.traces().consume(traces);
        }

        void push(Metrics metrics) {
            next.metrics().consume(metrics);
        }

        void push(Logs logs) {
            next.logs().consume(logs);
        }
    }

    /** A processor of one signal, as every processor instance is. */
    class SignalPass<D extends SignalData<D, ?>> extends Recorded implements SignalProcessor<D> {
        private final SignalConsumer<D> next;

        SignalPass(ComponentContext context, Settings settings, Signal<D> signal, SignalConsumer<D> next) {
            super("processor", context, settings);
            this.next = next;
            events.add("create " + name + (signal == Signal.TRACES ? "" : " for " + signal));
        }

        @Override
        public void consume(D data) {
            events.add("consume " + name);
            next.consume(data);
        }
    }

    final class Pass extends SignalPass<Traces> implements Processor {
        Pass(ComponentContext context, Settings settings, TracesConsumer next) {
            super(context, settings, Signal.TRACES, next);
        }
    }

    final class Record extends Recorded implements Exporter {
        private final ComponentId id;

        Record(ComponentContext context, Settings settings) {
            super("exporter", context, settings);
            this.id = context.id();
            events.add("create " + name);
        }

        @Override
        public void consume(Traces traces) {
            record(traces);
        }

        @Override
        public <D extends SignalData<D, ?>> SignalConsumer<D> consumer(Signal<D> signal) {
            if (signal.id().equals(settings.refuseSignal())) {
                throw new IllegalArgumentException("cannot export " + signal + " as configured");
            }
            return this::record;
        }

        private void record(SignalData<?, ?> data) {
            failIfAsked();
            exported.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(data);
        }
    }

    /** Hands what it consumes to {@code next}, converted by {@code convert}. */
    final class Link<F extends SignalData<F, ?>, T extends SignalData<T, ?>> extends Recorded implements Connector<F> {
        private final SignalConsumer<T> next;
        private final java.util.function.Function<F, T> convert;

        Link(ComponentContext context, Settings settings, String pair, SignalConsumer<T> next,
                java.util.function.Function<F, T> convert) {
            super("connector", context, settings);
            this.next = next;
            this.convert = convert;
            events.add("create " + name + " " + pair);
        }

        @Override
        public void consume(F data) {
            failIfAsked();
            events.add("consume " + name);
            next.consume(convert.apply(data));
        }
    }

    final class Watch extends Recorded implements Extension {
        Watch(ComponentContext context, Settings settings) {
            super("extension", context, settings);
        }

        @Override
        public void pipelinesReady(boolean ready) {
            events.add("ready " + ready);
        }
    }

    private abstract static class Factory implements ComponentFactory<Settings> {
        private final String type;

        Factory(String type) {
            this.type = type;
        }

        @Override
        public Set<Signal<?>> signals() {
            return Set.copyOf(Signal.all());
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Class<Settings> configType() {
            return Settings.class;
        }

        @Override
        public Settings defaultConfig() {
            return Settings.DEFAULT;
        }
    }

    private final class PushFactory extends Factory implements ReceiverFactory<Settings> {
        PushFactory() {
            super("push");
        }

        @Override
        public List<String> aliases() {
            return List.of("push_alias");
        }

        @Override
        public Receiver create(ComponentContext context, Settings config, TracesConsumer next) {
            return new Push(context, config, Consumers.traces(next));
        }

        @Override
        public Receiver create(ComponentContext context, Settings config, Consumers next) {
            return new Push(context, config, next);
        }
    }

    private final class PassFactory extends Factory implements ProcessorFactory<Settings> {
        PassFactory() {
            super("pass");
        }

        /** {@code fail: refuse <signal>} refuses that signal's pipelines, at the key {@code fail}. */
        @Override
        public void checkFor(Signal<?> signal, Settings config) {
            Problems problems = new Problems();
            problems.when(config.fail().equals("refuse " + signal.id()), "fail", "no " + signal.id() + " here");
            problems.throwIfAny();
        }

        @Override
        public Processor create(ComponentContext context, Settings config, TracesConsumer next) {
            return new Pass(context, config, next);
        }

        @Override
        public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, Settings config, Signal<D> signal,
                SignalConsumer<D> next) {
            return new SignalPass<>(context, config, signal, next);
        }
    }

    /** A processor type of traces only, as most of Tributary's are. */
    private final class SpanPassFactory extends Factory implements ProcessorFactory<Settings> {
        SpanPassFactory() {
            super("spanpass");
        }

        @Override
        public Set<Signal<?>> signals() {
            return Set.of(Signal.TRACES);
        }

        @Override
        public Processor create(ComponentContext context, Settings config, TracesConsumer next) {
            return new Pass(context, config, next);
        }
    }

    private final class RecordFactory extends Factory implements ExporterFactory<Settings> {
        RecordFactory() {
            super("record");
        }

        @Override
        public Exporter create(ComponentContext context, Settings config) {
            return new Record(context, config);
        }
    }

    private final class RelayFactory extends Factory implements ConnectorFactory<Settings> {
        RelayFactory() {
            super("relay");
        }

        /** Also {@code record}, so that a test can give a connector the ID of an exporter. */
        @Override
        public List<String> aliases() {
            return List.of("record");
        }

        @Override
        public boolean connects(Signal<?> from, Signal<?> to) {
            return from == to;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<F> create(ComponentContext context,
                Settings config, Signal<F> from, ConnectorTargets<T> to) {
            return new Link<F, T>(context, config, from + " to " + to.signal() + " " + to.ids(), to.all(), data -> (T) data);
        }
    }

    private final class TallyFactory extends Factory implements ConnectorFactory<Settings> {
        TallyFactory() {
            super("tally");
        }

        @Override
        public boolean connects(Signal<?> from, Signal<?> to) {
            return from == Signal.TRACES && to == Signal.METRICS;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<F> create(ComponentContext context,
                Settings config, Signal<F> from, ConnectorTargets<T> to) {
            return new Link<F, T>(context, config, from + " to " + to.signal() + " " + to.ids(), to.all(),
                    data -> (T) Metrics.of(TestMetrics.request(TestMetrics.resource("tally",
                            TestMetrics.scope("tally", TestMetrics.everyType(1))))));
        }
    }

    private final class WatchFactory extends Factory implements ExtensionFactory<Settings> {
        WatchFactory() {
            super("watch");
        }

        @Override
        public Extension create(ComponentContext context, Settings config) {
            return new Watch(context, config);
        }
    }
}
