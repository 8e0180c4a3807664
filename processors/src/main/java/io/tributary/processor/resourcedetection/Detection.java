package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the configured detectors, as otelcol's resource provider: all at once, each retried
 * with a doubling pause while it fails, all within {@code timeout}; their attributes merged in the
 * configured order, an earlier detector's value winning. A detector whose platform is absent
 * adds nothing (one warning); one that still fails at the deadline fails the run, and so the
 * processor's start, as otelcol (whose error propagation is always on since v0.146).
 */
final class Detection {
    /** A configured detector under its type name. */
    record Named(String type, Detector detector) {
    }

    private static final Logger log = LoggerFactory.getLogger(Detection.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    private final List<Named> detectors;
    private final Duration timeout;
    private final Executor executor;

    Detection(List<Named> detectors, Duration timeout, Executor executor) {
        this.detectors = List.copyOf(detectors);
        this.timeout = timeout;
        this.executor = executor;
    }

    /**
     * @return the merged attributes, in the order the detectors found them
     * @throws IllegalStateException naming every detector that failed, or when there was no detector
     */
    List<KeyValue> run() throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        List<CompletableFuture<List<KeyValue>>> results = new ArrayList<>();
        for (Named named : detectors) {
            results.add(CompletableFuture.supplyAsync(() -> detect(named, deadline), executor));
        }
        Map<String, KeyValue> merged = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < detectors.size(); i++) {
            try {
                // The detectors' requests end at the deadline; the extra second covers one that does not.
                results.get(i).get(deadline.remaining().toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS)
                        .forEach(attribute -> merged.putIfAbsent(attribute.getKey(), attribute));
            } catch (ExecutionException e) {
                failures.add(detectors.get(i).type() + ": " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                results.get(i).cancel(true);
                failures.add(detectors.get(i).type() + ": did not finish within the timeout of " + timeout);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("resource detection failed: " + String.join("; ", failures));
        }
        if (detectors.isEmpty()) {
            throw new IllegalStateException("resource detection failed: no detectors succeeded");
        }
        List<KeyValue> detected = List.copyOf(merged.values());
        log.info("detected resource information: {}", describe(detected));
        return detected;
    }

    /** Releases what the detectors hold, once the processor is done with them. */
    void close() {
        detectors.forEach(named -> named.detector().close());
    }

    private static List<KeyValue> detect(Named named, Deadline deadline) {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return named.detector().detect(deadline);
            } catch (PlatformAbsentException e) {
                log.warn("the {} detector adds nothing: {}", named.type(), e.getMessage());
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (Exception e) {
                if (deadline.remaining().compareTo(pause) <= 0) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e.getMessage(), e);
                }
                pause = pause.multipliedBy(2);
            }
        }
    }

    private static String describe(List<KeyValue> attributes) {
        StringBuilder text = new StringBuilder("{");
        for (KeyValue attribute : attributes) {
            text.append(text.length() > 1 ? ", " : "").append(attribute.getKey()).append('=');
            text.append(attribute.getValue().hasStringValue() ? attribute.getValue().getStringValue()
                    : attribute.getValue().toString().strip().replace('\n', ' '));
        }
        return text.append('}').toString();
    }
}
