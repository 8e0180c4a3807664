package io.tributary.exporter.loadbalancing;

import io.tributary.exporter.loadbalancing.LoadBalancingExporterConfig.DnsResolverConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code resolver.dns}: every address {@code hostname} resolves to (a Kubernetes headless
 * Service gives one per ready pod), as {@code ip:port} ({@code [ip]:port} for IPv6), sorted;
 * looked up at start and then every {@code interval}, each lookup bounded by {@code timeout}. A
 * failed lookup keeps the last answer. The JDK resolver caches answers for
 * {@code networkaddress.cache.ttl} (30 s by default), which adds to how late a change is seen.
 */
final class DnsResolver implements Resolver {
    private static final Logger log = LoggerFactory.getLogger(DnsResolver.class);

    /** The name service; the JDK's by default, replaced in tests. */
    interface Lookup {
        List<InetAddress> resolve(String hostname) throws UnknownHostException;
    }

    static final Lookup JDK = hostname -> List.of(InetAddress.getAllByName(hostname));

    private final DnsResolverConfig config;
    private final Lookup lookup;
    private final LoadBalancerMetrics metrics;
    private final ScheduledExecutorService timer;
    private Consumer<List<String>> onChange;
    private List<String> last;

    DnsResolver(DnsResolverConfig config, Lookup lookup, LoadBalancerMetrics metrics) {
        this.config = config;
        this.lookup = lookup;
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "loadbalancing-dns-" + config.hostname());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start(Consumer<List<String>> onChange) throws Exception {
        this.onChange = onChange;
        refresh();
        long interval = config.interval().toNanos();
        timer.scheduleWithFixedDelay(this::resolve, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** Looks up now, on the resolver's thread, and waits for it. */
    void refresh() throws Exception {
        timer.submit(this::resolve).get();
    }

    private void resolve() {
        List<InetAddress> addresses;
        try {
            addresses = CompletableFuture.supplyAsync(() -> {
                try {
                    return lookup.resolve(config.hostname());
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }).get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            metrics.resolution(false);
            log.warn("Load balancer: cannot resolve {}: {}", config.hostname(), e instanceof TimeoutException
                    ? "no answer within " + config.timeout() : e.getCause().getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        metrics.resolution(true);
        List<String> endpoints = addresses.stream().map(this::endpoint).distinct().sorted().toList();
        if (!endpoints.equals(last)) {
            last = endpoints;
            onChange.accept(endpoints);
        }
    }

    private String endpoint(InetAddress address) {
        String ip = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return config.port().isEmpty() ? ip : ip + ":" + config.port();
    }

    @Override
    public void shutdown() {
        timer.shutdownNow();
    }
}
