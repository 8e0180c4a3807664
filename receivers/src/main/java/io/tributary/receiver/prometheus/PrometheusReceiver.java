package io.tributary.receiver.prometheus;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.component.Receiver;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.receiver.intake.Intake;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code prometheus} receiver: scrapes the static targets of its scrape configs, each on its
 * own loop on the service's shared scheduler (a tick only starts an asynchronous request; the
 * answer is parsed and handed on by a small pool of the receiver's own), and feeds the metrics
 * pipelines that list it.
 */
final class PrometheusReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusReceiver.class);
    /** As otelcol's receiverhelper names the transport of a scraping receiver. */
    static final String TRANSPORT = "http";

    private final ComponentContext context;
    private final PrometheusReceiverConfig config;
    private final ThreadPoolExecutor executor;
    private final List<ScrapeLoop> loops = new ArrayList<>();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    PrometheusReceiver(ComponentContext context, PrometheusReceiverConfig config, SignalConsumer<Metrics> next) {
        this.context = context;
        config.validate();
        this.config = config;
        Intake<Metrics> intake = new Intake<>(Signal.METRICS, next, context.telemetry().receiver(context.id(), TRANSPORT, Signal.METRICS));
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "prometheus-scrape-" + context.id());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
        ScrapeLoop.Settings settings = new ScrapeLoop.Settings(intake, executor, context.clock(), config.trimMetricSuffixes(), version());
        GlobalConfig global = config.config().global();
        for (ScrapeConfig scrape : config.config().scrapeConfigs()) {
            ScrapeJob job = ScrapeJob.of(scrape, global);
            ScrapeClient client = new ScrapeClient(job, executor, "tributary/" + version());
            for (StaticConfig group : scrape.staticConfigs()) {
                for (String address : group.targets()) {
                    addLoop(job, client, settings, address, group.labels());
                }
            }
        }
    }

    @Override
    public synchronized void start(Host host) {
        warnUnsupported();
        GlobalConfig global = config.config().global();
        long seed = offsetSeed(global.externalLabels());
        long now = context.clock().millis() * 1_000_000L;
        for (ScrapeLoop loop : loops) {
            Target target = loop.target();
            schedules.add(context.scheduler().scheduleAtFixedRate(loop::tick, target.offset(now, seed).toNanos(),
                    target.interval().toNanos(), TimeUnit.NANOSECONDS));
        }
        LOG.info("receivers::{}: scraping {} targets", context.id(), loops.size());
    }

    private void addLoop(ScrapeJob job, ScrapeClient client, ScrapeLoop.Settings settings, String address, Map<String, String> labels) {
        try {
            Target target = Target.of(job, address, labels);
            if (target != null) {
                loops.add(new ScrapeLoop(target, job, client, settings));
            }
        } catch (Target.InvalidTargetException e) {
            LOG.atError().setMessage("Creating target failed").addKeyValue("scrape_pool", job.name()).addKeyValue("target", address)
                    .addKeyValue("err", e.getMessage()).log();
        }
    }

    /** A loop per target, scheduled by {@link #start}; tests scrape through them by hand. */
    List<ScrapeLoop> loops() {
        return List.copyOf(loops);
    }

    private void warnUnsupported() {
        List<String> ineffective = IneffectiveKeys.of(config, "");
        if (!ineffective.isEmpty()) {
            LOG.warn("receivers::{}: accepted but not supported by Tributary, these keys have no effect: {}", context.id(),
                    String.join(", ", ineffective));
        }
        GlobalConfig global = config.config().global();
        for (ScrapeConfig scrape : config.config().scrapeConfigs()) {
            if (ScrapeJob.asksForProtobuf(scrape, global)) {
                LOG.warn("receivers::{}: job {}: scrape_protocols names PrometheusProto, which is not supported; it is left out of the Accept header",
                        context.id(), scrape.jobName());
            }
        }
    }

    /** As Prometheus seeds the spreading of scrapes: from the host's name and the external labels, so collectors differ. */
    private static long offsetSeed(Map<String, String> externalLabels) {
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostname = "";
        }
        return Target.fnv64a(hostname + new TreeMap<>(externalLabels));
    }

    static String version() {
        String version = PrometheusReceiver.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public synchronized void shutdown() {
        schedules.forEach(schedule -> schedule.cancel(false));
        schedules.clear();
        executor.shutdownNow();
    }
}
