package io.tributary.exporter.loadbalancing;

import io.tributary.core.component.Host;
import io.tributary.core.consumer.ConsumerException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each batch: splits it by routing key, and hands each part to the backend the ring picks.
 * The resolver's answers replace the ring and the set of backends as one snapshot; a backend that
 * drops out is retired on its own thread and routes what it held through the new ring.
 */
final class LoadBalancer implements Sender {
    private static final Logger log = LoggerFactory.getLogger(LoadBalancer.class);

    /** The ring and its backends, swapped together. */
    private record Routing(HashRing ring, Map<String, Backend> backends) {
        static final Routing EMPTY = new Routing(HashRing.of(List.of()), Map.of());
    }

    private final RoutingKey key;
    private final Resolver resolver;
    private final BackendFactory backendFactory;
    private final LoadBalancerMetrics metrics;
    private final List<Thread> retiring = new ArrayList<>();
    private volatile Routing routing = Routing.EMPTY;
    private Host host;
    private boolean stopped;

    /** Builds the (unstarted) backend for an endpoint as the resolver spells it. */
    interface BackendFactory {
        Backend create(String endpoint, Consumer<Traces> reroute);
    }

    LoadBalancer(RoutingKey key, Resolver resolver, BackendFactory backendFactory, LoadBalancerMetrics metrics) {
        this.key = key;
        this.resolver = resolver;
        this.backendFactory = backendFactory;
        this.metrics = metrics;
    }

    @Override
    public void start(Host host) throws Exception {
        synchronized (this) {
            this.host = host;
        }
        resolver.start(this::onBackendChanges);
    }

    /** A new answer from the resolver: start the new backends, switch the ring, retire the ones left out. */
    synchronized void onBackendChanges(List<String> endpoints) {
        if (stopped) {
            return;
        }
        Map<String, Backend> previous = routing.backends();
        Map<String, Backend> next = new HashMap<>();
        for (String endpoint : endpoints) {
            Backend backend = previous.get(endpoint);
            if (backend == null) {
                backend = backendFactory.create(endpoint, handedBack -> reroute(endpoint, handedBack));
                try {
                    backend.start(host);
                } catch (Exception e) {
                    // Still on the ring, as in otelcol, so every agent keeps the same ring; its share is refused.
                    log.error("Load balancer: cannot start the exporter for backend {}", endpoint, e);
                    continue;
                }
            }
            next.put(endpoint, backend);
        }
        routing = new Routing(HashRing.of(endpoints), Map.copyOf(next));
        metrics.backendsChanged(endpoints.size());
        log.info("Load balancer: {} backends: {}", endpoints.size(), endpoints);
        retiring.removeIf(thread -> !thread.isAlive()); // churn must not pile up finished threads
        previous.forEach((endpoint, gone) -> {
            if (!next.containsKey(endpoint)) {
                Thread thread = new Thread(gone::retire, "loadbalancing-retire-" + endpoint);
                thread.setDaemon(true);
                retiring.add(thread);
                thread.start();
            }
        });
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        ConsumerException failure = route(traces);
        if (failure instanceof RetryableException retryable) {
            throw SendException.retryable(failure.getMessage(), retryable.retryAfter().orElse(null), failure);
        }
        if (failure != null) {
            throw SendException.permanent(failure.getMessage(), failure);
        }
    }

    /**
     * Delivers every part it can.
     *
     * @return the first refusal, or null when every part was taken
     */
    private ConsumerException route(Traces traces) {
        Routing current = routing;
        if (current.ring().isEmpty()) {
            return new RetryableException("the load balancer has no backends yet");
        }
        ConsumerException first = null;
        for (Map.Entry<String, Traces> part : BackendRouting.byBackend(traces, key, current.ring()::endpointFor).entrySet()) {
            try {
                deliver(current.backends().get(part.getKey()), part.getValue());
            } catch (ConsumerException e) {
                first = first == null ? e : first;
            }
        }
        return first;
    }

    private void deliver(Backend backend, Traces part) {
        if (backend == null) {
            throw new RetryableException("the exporter of the backend that owns these spans could not be started");
        }
        boolean taken;
        try {
            taken = backend.offer(part);
        } catch (ConsumerException e) {
            if (!backend.retired()) {
                throw e;
            }
            taken = false;
        }
        if (!taken) {
            // The backend was retired after this batch was split: the ring has changed, route again.
            ConsumerException failure = route(part);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** What a retired backend hands back; nothing accepted is dropped unless no backend can take it. */
    private void reroute(String retiredEndpoint, Traces traces) {
        ConsumerException failure = route(traces);
        if (failure != null) {
            metrics.lostOnRemoval(retiredEndpoint);
            log.error("Load balancer: dropped {} spans of a removed backend: no backend took them: {}",
                    traces.spanCount(), failure.getMessage());
        }
    }

    @Override
    public void shutdown() {
        resolver.shutdown();
        List<Thread> waiting;
        synchronized (this) {
            stopped = true;
            waiting = List.copyOf(retiring);
        }
        for (Thread thread : waiting) {
            try {
                thread.join(ExporterHelper.DRAIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Thread> stopping = new ArrayList<>();
        for (Backend backend : routing.backends().values()) {
            Thread thread = new Thread(backend::shutdown, "loadbalancing-stop-" + backend.endpoint());
            stopping.add(thread);
            thread.start();
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
