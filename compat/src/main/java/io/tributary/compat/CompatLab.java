package io.tributary.compat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The compatibility lab: runs each scenario whose name contains the argument (all without one)
 * against otelcol and Tributary, prints one line per scenario ({@code PASS name},
 * {@code FAIL name: n differences} and the first few) and exits 1 when any difference is not
 * in the allow-list of docs/COMPATIBILITY.md. Run from the project root (compat/run.sh does);
 * every difference and note of a scenario is also written to
 * compat/target/lab/NAME/report/differences.txt.
 */
public final class CompatLab {
    /** Every scenario, in running order: a new one is one class and one entry here. */
    static final List<Scenario> SCENARIOS = List.of(
            new ConfigVerdictsScenario(),
            new OtlpReceiverScenario(),
            new BadInputScenario(),
            new HealthCheckScenario(),
            new ZipkinExporterScenario(),
            new OtlpHttpExporterScenario(),
            new JaegerScenario(),
            new LoadBalancingFleetScenario("fleet-otelcol-agent", Implementation.OTELCOL, Implementation.TRIBUTARY),
            new LoadBalancingFleetScenario("fleet-tributary-agent", Implementation.TRIBUTARY, Implementation.OTELCOL),
            new ProbabilisticFleetScenario(),
            new JaegerReceiverScenario(),
            new ZipkinReceiverScenario(),
            new FilterScenario(),
            new ProbabilisticSamplerScenario(),
            new AttributesScenario(),
            new ResourceScenario(),
            new TailSamplingScenario(),
            new SelfMetricsScenario(),
            new SignalsScenario(),
            new K8sAgentScenario(),
            new RedMetricsScenario(),
            new JaegerMonitorScenario());

    private static final int SHOWN_DIFFERENCES = 5;

    private CompatLab() {
    }

    public static void main(String[] args) throws IOException {
        Lab lab = new Lab(Path.of(""));
        AllowList allowList = AllowList.read(lab.root().resolve("docs/COMPATIBILITY.md"));
        String filter = args.length > 0 ? args[0] : "";
        List<Scenario> selected = SCENARIOS.stream().filter(s -> s.name().contains(filter)).toList();
        if (selected.isEmpty()) {
            System.out.println("compat: no scenario matches '" + filter + "'; there are "
                    + SCENARIOS.stream().map(Scenario::name).collect(Collectors.joining(", ")));
            System.exit(2);
        }
        int failed = 0;
        for (Scenario scenario : selected) {
            if (!runAndReport(lab, allowList, scenario, System.out)) {
                failed++;
            }
        }
        System.out.println("compat: " + (selected.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs one scenario, prints its summary, and says whether it passed. */
    static boolean runAndReport(Lab lab, AllowList allowList, Scenario scenario, PrintStream out) throws IOException {
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = scenario.run(lab);
        } catch (Exception | AssertionError e) {
            out.println("FAIL " + scenario.name() + ": " + e);
            return false;
        }
        List<Difference> unexpected = new ArrayList<>();
        List<Difference> allowed = new ArrayList<>();
        for (Difference difference : outcome.differences()) {
            (allowList.allows(scenario.name(), difference) ? allowed : unexpected).add(difference);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String allowedNote = allowed.isEmpty() ? "" : " (ALLOWED " + allowed.size() + ")";
        if (unexpected.isEmpty()) {
            out.println("PASS " + scenario.name() + allowedNote + " in " + seconds + " s");
        } else {
            out.println("FAIL " + scenario.name() + ": " + unexpected.size() + " differences" + allowedNote + " in " + seconds + " s");
            unexpected.stream().limit(SHOWN_DIFFERENCES).forEach(d -> out.println("  " + d));
            if (unexpected.size() > SHOWN_DIFFERENCES) {
                out.println("  ... " + (unexpected.size() - SHOWN_DIFFERENCES) + " more");
            }
        }
        Path report = lab.directory(scenario.name(), "report").resolve("differences.txt");
        List<String> lines = new ArrayList<>();
        unexpected.forEach(d -> lines.add("DIFFERENT " + d));
        allowed.forEach(d -> lines.add("ALLOWED " + d));
        outcome.notes().forEach(n -> lines.add("NOTE " + n));
        Files.write(report, lines);
        outcome.notes().forEach(n -> out.println("  note: " + n));
        return unexpected.isEmpty();
    }
}
