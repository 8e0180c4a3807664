package io.tributary.processor.k8sattributes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.processorhelper.ProcessorHelper;
import io.tributary.processor.k8sattributes.kube.Filters;
import io.tributary.processor.k8sattributes.kube.KubeMetrics;
import io.tributary.processor.k8sattributes.kube.KubeStore;
import io.tributary.processor.k8sattributes.kube.KubeWatcher;
import io.tributary.processor.k8sattributes.kube.Rules;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@code k8sattributes} processor of one pipeline: adds each resource's Kubernetes attributes
 * on the wire (only the changed attribute lists are re-encoded), from a store its own watches keep
 * current, as otelcol (whose every pipeline's processor watches on its own). Until the pod watch
 * has synced, data passes with what the store holds (nothing at first); with
 * {@code wait_for_metadata}, start waits for that sync and fails after {@code wait_for_metadata_timeout}.
 *
 * @param <D> the signal's data
 */
final class K8sAttributesProcessor<D extends SignalData<D, ?>> extends ProcessorHelper<D> {
    private final ComponentContext context;
    private final K8sAttributesConfig config;
    private final Rules rules;
    private final Filters filters;
    private final Supplier<KubernetesClient> clients;
    private final KubeMetrics metrics;
    /** Null in passthrough mode. */
    private final KubeStore store;
    private final ResourceEnricher enricher;
    private KubeWatcher watcher;
    private ScheduledFuture<?> expiry;

    K8sAttributesProcessor(ComponentContext context, Signal<D> signal, SignalConsumer<D> next, K8sAttributesConfig config, Rules rules,
            Filters filters, Supplier<KubernetesClient> clients) {
        super(context, signal, next);
        this.context = context;
        this.config = config;
        this.rules = rules;
        this.filters = filters;
        this.clients = clients;
        this.metrics = new KubeMetrics(context.telemetry());
        this.store = config.passthrough() ? null : new KubeStore(context.clock());
        this.enricher = new ResourceEnricher(rules, store, metrics);
    }

    @Override
    public synchronized void start(Host host) throws Exception {
        if (store == null) {
            return;
        }
        watcher = new KubeWatcher(clients.get(), rules, filters, store, metrics);
        CompletableFuture<Void> synced = watcher.start();
        long interval = KubeStore.DELETE_INTERVAL.toMillis();
        expiry = context.scheduler().scheduleWithFixedDelay(store::expireDeletedPods, interval, interval, TimeUnit.MILLISECONDS);
        if (config.waitForMetadata()) {
            try {
                await(synced, config.waitForMetadataTimeout());
            } catch (IllegalStateException | InterruptedException e) {
                // nothing keeps retrying behind a failed start, whether or not the caller shuts down what it started
                shutdown();
                throw e;
            }
        }
    }

    /** @throws IllegalStateException with otelcol's message when the pod watch has not synced in time */
    private static void await(CompletableFuture<Void> synced, Duration timeout) throws InterruptedException {
        try {
            synced.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("failed to wait for caches to sync");
        }
    }

    @Override
    protected D process(D data) {
        return data.isEmpty() ? data
                : data.editAttributes(AttributeEditor.resources(attributes -> enricher.enrich(attributes, data.client())));
    }

    /** The store, for tests that drive deletions' grace period with a manual clock. */
    KubeStore store() {
        return store;
    }

    @Override
    public synchronized void shutdown() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }
}
