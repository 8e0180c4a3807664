package io.tributary.processor.tailsampling;

import com.google.protobuf.UnsafeByteOperations;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Host;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.EnvelopeWriter;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.telemetry.ProcessorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's tail sampling processor with a memory bound. Spans are buffered per trace as their
 * encoded bytes ({@link BufferedTrace}); a trace is decided {@code decision_wait} after its first
 * span (sooner after its root with {@code decision_wait_after_root_received}) on this processor's
 * own thread, which ticks every second as otelcol's does. Ingest takes one short lock per request
 * and never waits for policies, except when a memory bound is hit before the decision thread has
 * relieved it: then the oldest traces are decided early on the spot, never dropped undecided.
 * Decided traces leave a small stub (or a decision-cache entry), so late spans follow the
 * decision at once.
 */
final class TailSamplingProcessor implements Processor {
    private static final Logger log = LoggerFactory.getLogger(TailSamplingProcessor.class);
    /** otelcol's decision ticker period. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** Traces decided per lock round-trip, so ingest never waits long for the decision thread. */
    private static final int DECISION_BATCH = 1024;
    private static final String BY_COUNT = "num_traces";
    private static final String BY_BYTES = "max_buffered_bytes";

    private final ComponentId id;
    private final TracesConsumer next;
    private final Clock clock;
    private final long decisionWait;
    private final long waitAfterRoot;
    private final long numTraces;
    private final long budget;
    private final long maxTraceSize;
    private final boolean dropPendingOnShutdown;
    private final PolicySet policies;
    private final ProcessorMetrics processorMetrics;
    private final TailSamplingMetrics metrics;

    /** Guards the buffer: the trace table, the deadline queues, the interned origins, the caches. */
    private final Object lock = new Object();
    private final LinkedHashMap<TraceKey, BufferedTrace> traces = new LinkedHashMap<>();
    /** Pending traces in arrival order, hence in order of their {@code decision_wait} deadlines. */
    private final ArrayDeque<BufferedTrace> byArrival = new ArrayDeque<>();
    /** Traces whose root arrived, in order of their root deadlines. */
    private final ArrayDeque<BufferedTrace> byRoot = new ArrayDeque<>();
    private final Origins origins = new Origins();
    private final DecisionCache sampledCache;
    private final DecisionCache notSampledCache;
    private long traceBytes;
    private int pendingCount;
    private boolean stopped;

    private final AtomicBoolean reliefRequested = new AtomicBoolean();
    private ScheduledExecutorService decider;

    TailSamplingProcessor(ComponentContext context, TailSamplingConfig config, TracesConsumer next) {
        this.id = context.id();
        this.next = next;
        this.clock = context.clock();
        this.decisionWait = config.decisionWait().toMillis();
        this.waitAfterRoot = config.decisionWaitAfterRootReceived().toMillis();
        this.numTraces = config.numTraces();
        this.budget = config.bufferBudget();
        this.maxTraceSize = config.maximumTraceSizeBytes();
        this.dropPendingOnShutdown = config.dropPendingTracesOnShutdown();
        this.sampledCache = new DecisionCache(config.decisionCache().sampledCacheSize());
        this.notSampledCache = new DecisionCache(config.decisionCache().nonSampledCacheSize());
        this.processorMetrics = context.telemetry().processor(id);
        this.metrics = new TailSamplingMetrics(context.telemetry(), id, this::tracesOnMemory, this::bufferedBytes);
        this.policies = PolicySet.of(config, clock::millis, metrics);
    }

    @Override
    public void start(Host host) {
        decider = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tail_sampling-" + id);
            thread.setDaemon(true);
            return thread;
        });
        decider.scheduleAtFixedRate(this::safeTick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void consume(Traces traces) {
        int spans = traces.spanCount();
        processorMetrics.incoming(spans);
        if (spans == 0) {
            return;
        }
        RequestScan scan = RequestScan.of(traces);
        long now = clock.millis();
        EnvelopeWriter late = new EnvelopeWriter(Schema.TRACES);
        List<Traces> released;
        boolean pressure;
        synchronized (lock) {
            ingest(scan, now, late);
            released = enforceBounds(now);
            pressure = stopped ? false : overWatermark(9);
            if (stopped) {
                released.addAll(decideAll(now));
            }
        }
        if (!late.isEmpty()) {
            forward(traces(late));
        }
        released.forEach(this::forward);
        if (pressure && reliefRequested.compareAndSet(false, true)) {
            requestRelief();
        }
    }

    /** Spans re-enveloped from validated bytes: wrapped without validating them again. */
    private static Traces traces(EnvelopeWriter spans) {
        return Traces.trusted(UnsafeByteOperations.unsafeWrap(spans.toByteArray()), spans.items(), spans.resourceEntries());
    }

    /** Guarded by lock: routes each span to its trace, a decided stub or a cache, creating traces as needed. */
    private void ingest(RequestScan scan, long now, EnvelopeWriter late) {
        Origins.Scope[] scopes = new Origins.Scope[scan.groupCount];
        int newTraces = 0;
        int dropped = 0;
        int cachedSampled = 0;
        int cachedNotSampled = 0;
        for (int i = 0; i < scan.spans; i++) {
            TraceKey key = scan.traceIds[i];
            int group = scan.groups[i];
            int from = scan.from[i];
            int size = scan.to[i] - from;
            if (sampledCache.contains(key)) {
                late.add(scan.resourceHeads[group], scan.scopeHeads[group], scan.buf, from, size);
                cachedSampled++;
                continue;
            }
            if (notSampledCache.contains(key)) {
                cachedNotSampled++;
                continue;
            }
            BufferedTrace trace = traces.get(key);
            if (trace == null) {
                trace = new BufferedTrace(key, now, now + decisionWait);
                trace.charged = BufferedTrace.OVERHEAD;
                traceBytes += trace.charged;
                traces.put(key, trace);
                byArrival.add(trace);
                pendingCount++;
                newTraces++;
            } else if (trace.decided()) {
                if (trace.state == BufferedTrace.State.SAMPLED) {
                    late.add(scan.resourceHeads[group], scan.scopeHeads[group], scan.buf, from, size);
                } else {
                    dropped++;
                }
                metrics.lateSpanAge.record(Math.max(0, now - trace.decisionMillis) / 1000);
                continue;
            }
            Origins.Scope scope = scopes[group];
            if (scope == null) {
                scope = origins.intern(scan.resourceHeads[group], scan.scopeHeads[group]);
                scopes[group] = scope;
            }
            buffer(trace, scope, scan, i, now);
        }
        if (cachedSampled > 0) {
            metrics.cacheRelease(true, cachedSampled);
        }
        if (cachedNotSampled > 0) {
            metrics.cacheRelease(false, cachedNotSampled);
            dropped += cachedNotSampled;
        }
        processorMetrics.dropped(dropped);
        metrics.newTraceIds.increment(newTraces);
    }

    /** Guarded by lock: appends one span to a pending (or deciding) trace and updates what it is charged. */
    private void buffer(BufferedTrace trace, Origins.Scope scope, RequestScan scan, int i, long now) {
        int origin = trace.originCount;
        int index = trace.originIndex(scope);
        if (index == origin) {
            trace.sizeBytes += scope.resource.head.length + scope.head.length + 4;
        }
        int from = scan.from[i];
        trace.append(index, scan.buf, from, scan.to[i]);
        trace.sizeBytes += EnvelopeWriter.fieldSize(1, scan.to[i] - from);
        boolean root = scan.roots[i];
        if (root && waitAfterRoot > 0 && trace.pending() && (trace.flags & BufferedTrace.ROOT) == 0
                && now + waitAfterRoot < trace.deadlineMillis) {
            trace.deadlineMillis = now + waitAfterRoot;
            byRoot.add(trace);
        }
        trace.addSpan(scan.starts[i], scan.ends[i], scan.statuses[i], root);
        long charge = BufferedTrace.OVERHEAD + trace.data.length + 8L * trace.origins.length;
        traceBytes += charge - trace.charged;
        trace.charged = charge;
        if (maxTraceSize > 0 && trace.sizeBytes > maxTraceSize && trace.pending()) {
            rejectTooLarge(trace, now);
        }
    }

    /**
     * Guarded by lock: while {@code num_traces} is exceeded, the oldest decided stubs are
     * forgotten and the oldest pending traces decided early; then, while the byte budget is
     * exceeded, the oldest pending traces are decided early.
     */
    private List<Traces> enforceBounds(long now) {
        List<Traces> released = new ArrayList<>();
        while (traces.size() > numTraces) {
            long excess = traces.size() - numTraces;
            List<BufferedTrace> early = new ArrayList<>();
            Iterator<BufferedTrace> oldest = traces.values().iterator();
            while (excess > 0 && oldest.hasNext()) {
                BufferedTrace trace = oldest.next();
                if (trace.decided()) {
                    oldest.remove();
                    excess--;
                } else if (trace.pending()) {
                    claim(trace);
                    early.add(trace);
                    excess--;
                }
            }
            if (early.isEmpty()) {
                break;
            }
            metrics.earlyDecisions(BY_COUNT, early.size());
            released.addAll(decide(early, now));
        }
        long excess = bufferedBytes() - budget;
        if (excess > 0) {
            List<BufferedTrace> early = claimOldest(excess);
            metrics.earlyDecisions(BY_BYTES, early.size());
            released.addAll(decide(early, now));
        }
        return released;
    }

    /** Guarded by lock: claims the oldest pending traces until they hold at least {@code bytes}. */
    private List<BufferedTrace> claimOldest(long bytes) {
        List<BufferedTrace> claimed = new ArrayList<>();
        long freed = 0;
        while (freed < bytes && !byArrival.isEmpty()) {
            BufferedTrace oldest = byArrival.poll();
            if (oldest.pending()) {
                freed += oldest.charged;
                claim(oldest);
                claimed.add(oldest);
            }
        }
        return claimed;
    }

    /** Guarded by lock: takes a pending trace out of the pending set, for one decision. */
    private void claim(BufferedTrace trace) {
        trace.state = BufferedTrace.State.DECIDING;
        pendingCount--;
    }

    /** Guarded by lock: {@code maximum_trace_size_bytes} exceeded; not sampled at once, without policies. */
    private void rejectTooLarge(BufferedTrace trace, long now) {
        claim(trace);
        metrics.tooLarge.increment();
        metrics.globalDecision(Decision.NOT_SAMPLED);
        finish(trace, Decision.NOT_SAMPLED, now, null);
    }

    /** Runs on the decision thread every second: decides every trace whose wait is over. */
    void tick() {
        long started = System.nanoTime();
        long now = clock.millis();
        while (true) {
            List<BufferedTrace> due;
            synchronized (lock) {
                due = takeDue(now);
            }
            if (due.isEmpty()) {
                break;
            }
            decide(due, now).forEach(this::forward);
        }
        relievePressure();
        metrics.timerLatency.record(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("{}: sampling decision run failed; retrying on the next tick", id, e);
        }
    }

    /** Guarded by lock: claims up to a batch of pending traces whose deadline has passed. */
    private List<BufferedTrace> takeDue(long now) {
        List<BufferedTrace> due = new ArrayList<>();
        for (ArrayDeque<BufferedTrace> queue : List.of(byRoot, byArrival)) {
            while (due.size() < DECISION_BATCH && !queue.isEmpty()) {
                BufferedTrace head = queue.peek();
                if (head.pending() && head.deadlineMillis > now) {
                    break;
                }
                queue.poll();
                if (head.pending()) {
                    claim(head);
                    due.add(head);
                }
            }
        }
        return due;
    }

    /**
     * Decides a batch of claimed traces: snapshots under the lock, evaluates without it (late spans keep arriving
     * and are appended), then records each decision and frees the spans under the lock; the
     * sampled spans, late ones included, come back as requests to forward.
     */
    private List<Traces> decide(List<BufferedTrace> batch, long now) {
        List<TraceView> views = new ArrayList<>(batch.size());
        synchronized (lock) {
            for (BufferedTrace trace : batch) {
                views.add(TraceView.of(trace));
            }
        }
        Decision[] decisions = new Decision[views.size()];
        for (int i = 0; i < decisions.length; i++) {
            decisions[i] = policies.evaluate(views.get(i));
        }
        EnvelopeWriter sampled = new EnvelopeWriter(Schema.TRACES);
        synchronized (lock) {
            for (int i = 0; i < decisions.length; i++) {
                finish(batch.get(i), decisions[i], now, sampled);
            }
        }
        return sampled.isEmpty() ? List.of() : List.of(traces(sampled));
    }

    /** Guarded by lock: records the decision, hands sampled spans to {@code out}, frees the spans. */
    private void finish(BufferedTrace trace, Decision decision, long now, EnvelopeWriter out) {
        boolean keep = decision.sampled();
        trace.state = keep ? BufferedTrace.State.SAMPLED : BufferedTrace.State.NOT_SAMPLED;
        trace.decisionMillis = now;
        if (keep) {
            trace.writeTo(out);
        } else {
            processorMetrics.dropped(trace.spanCount);
        }
        for (Origins.Scope scope : trace.free()) {
            origins.release(scope);
        }
        traceBytes -= trace.charged;
        trace.charged = 0;
        DecisionCache cache = keep ? sampledCache : notSampledCache;
        if (cache.enabled()) {
            cache.put(trace.key);
            traces.remove(trace.key);
        }
    }

    /** Decides the oldest traces early until both bounds are back under 80%: the decision thread's share of the work. */
    private void relievePressure() {
        reliefRequested.set(false);
        long now = clock.millis();
        while (true) {
            String reason;
            List<BufferedTrace> batch = new ArrayList<>();
            synchronized (lock) {
                if (stopped || !overWatermark(8)) {
                    return;
                }
                reason = pendingCount * 10L > numTraces * 8L ? BY_COUNT : BY_BYTES;
                while (batch.size() < DECISION_BATCH && !byArrival.isEmpty()) {
                    BufferedTrace oldest = byArrival.poll();
                    if (oldest.pending()) {
                        claim(oldest);
                        batch.add(oldest);
                    }
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            metrics.earlyDecisions(reason, batch.size());
            decide(batch, now).forEach(this::forward);
        }
    }

    /** Guarded by lock: pending traces or buffered bytes above {@code tenths}/10 of their bound. */
    private boolean overWatermark(int tenths) {
        return pendingCount * 10L > numTraces * tenths || bufferedBytes() * 10 > budget * tenths;
    }

    private void requestRelief() {
        try {
            decider.execute(this::relievePressure);
        } catch (RejectedExecutionException | NullPointerException e) {
            // Not started or already stopped: ingest's own bound enforcement holds the limit.
            reliefRequested.set(false);
        }
    }

    /** Guarded by lock: every pending trace, decided now. */
    private List<Traces> decideAll(long now) {
        List<Traces> released = new ArrayList<>();
        while (true) {
            List<BufferedTrace> batch = new ArrayList<>();
            while (batch.size() < DECISION_BATCH && !byArrival.isEmpty()) {
                BufferedTrace trace = byArrival.poll();
                if (trace.pending()) {
                    claim(trace);
                    batch.add(trace);
                }
            }
            if (batch.isEmpty()) {
                return released;
            }
            released.addAll(decide(batch, now));
        }
    }

    /**
     * Stops the decision thread, then decides every buffered trace with what has arrived and
     * forwards the sampled ones (otelcol's default), or drops them with
     * {@code drop_pending_traces_on_shutdown}. Later batches are decided as they come. Idempotent.
     */
    @Override
    public void shutdown() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        if (decider != null) {
            decider.shutdown();
            try {
                if (!decider.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("{}: the decision thread did not stop within 10s", id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long now = clock.millis();
        List<Traces> released;
        synchronized (lock) {
            if (dropPendingOnShutdown) {
                dropPending(now);
                released = List.of();
            } else {
                released = decideAll(now);
            }
        }
        released.forEach(this::forward);
    }

    private void dropPending(long now) {
        for (BufferedTrace trace : byArrival) {
            if (trace.pending()) {
                claim(trace);
                finish(trace, Decision.NOT_SAMPLED, now, null);
            }
        }
        byArrival.clear();
    }

    private void forward(Traces released) {
        int spans = released.spanCount();
        try {
            next.consume(released);
            processorMetrics.outgoing(spans);
        } catch (RuntimeException e) {
            processorMetrics.dropped(spans);
            log.warn("{}: the next consumer refused {} sampled spans; they are dropped: {}", id, spans, e.toString());
        }
    }

    /** Traces held: pending ones and decided stubs, as otelcol counts its map. */
    long tracesOnMemory() {
        synchronized (lock) {
            return traces.size();
        }
    }

    /** What buffered spans, their stubs and the interned resources and scopes are charged. */
    long bufferedBytes() {
        synchronized (lock) {
            return traceBytes + origins.bytes();
        }
    }
}
