package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the daemon (JDK 17's {@code jfr} tool has no hot-methods view):
 * shares of CPU samples by the method on top of the stack ("self") and by every method on the
 * stack ("total", counted once per sample), and allocated bytes by class and allocating method.
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.JfrSummary daemon.jfr [top]</pre>
 */
public final class JfrSummary {
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> total = new HashMap<>();
    private final Map<String, Double> allocated = new HashMap<>();
    private int samples;
    private double allocatedBytes;

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary <recording.jfr> [top, default 25]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        JfrSummary summary = new JfrSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            summary.add(event);
        }
        summary.print(top);
    }

    private void add(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return;
        }
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        if (frames.isEmpty()) {
            return;
        }
        switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> {
                samples++;
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    if (seen.add(name(frame))) {
                        total.merge(name(frame), 1, Integer::sum);
                    }
                }
            }
            case "jdk.ObjectAllocationSample" -> {
                double weight = event.getLong("weight");
                allocatedBytes += weight;
                String type = event.getClass("objectClass").getName();
                allocated.merge(type + " in " + name(frames.get(0)), weight, Double::sum);
            }
            default -> {
            }
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private void print(int top) {
        System.out.printf("%d CPU samples%n%nself%n", samples);
        printShares(self, samples, top);
        System.out.printf("%ntotal (on the stack)%n");
        printShares(total, samples, top);
        System.out.printf("%nallocated: %.1f MB sampled%n", allocatedBytes / 1e6);
        allocated.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100 * e.getValue() / allocatedBytes, e.getKey()));
    }

    private static void printShares(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
