package io.tributary.compat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where everything the lab runs lives, relative to the project root: the otelcol binary that
 * compat/build.sh builds, the Tributary jar the distribution module packages, and a work
 * directory (one subdirectory per scenario and collector, holding configs and logs).
 */
final class Lab {
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final int START_ATTEMPTS = 3;
    /** How both collectors' start failures say that a port is taken (Go: "bind: address already in use"). */
    private static final String PORT_TAKEN = "address already in use";
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private final Path root;
    private final Path work;

    Lab(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.work = this.root.resolve("compat/target/lab");
    }

    Path root() {
        return root;
    }

    Path otelcol() {
        return root.resolve("compat/target/bin/otelcol");
    }

    Path jaeger() {
        return root.resolve("compat/target/bin/jaeger");
    }

    Path jaegerConfig() {
        return root.resolve("compat/jaeger/config.yaml");
    }

    /** Laid over {@link #jaegerConfig()}: the Monitor tab's metrics from a Prometheus. */
    Path jaegerSpmConfig() {
        return root.resolve("compat/jaeger/spm.yaml");
    }

    Path tributaryJar() {
        return root.resolve("distribution/target/tributary.jar");
    }

    /** bench's runnable jar, for its fake Kubernetes API. */
    Path benchJar() {
        return root.resolve("bench/target/tributary-bench.jar");
    }

    /** The JVM that runs the lab runs Tributary too. */
    Path java() {
        return Path.of(ProcessHandle.current().info().command().orElse("java"));
    }

    /** A fresh, empty directory for {@code scenario}'s files of one collector (or any other use). */
    Path directory(String scenario, String name) throws IOException {
        Path dir = work.resolve(scenario).resolve(name);
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * Starts {@code implementation} on {@code config} in a fresh directory {@code name} of the
     * scenario's; scenarios that run several collectors at once (fleets) start each with this.
     */
    RunningCollector start(Implementation implementation, String scenario, String name, String config) throws IOException {
        return start(implementation, scenario, name, config, Map.of());
    }

    /** As {@link #start(Implementation, String, String, String)}, the process getting {@code environment} too. */
    RunningCollector start(Implementation implementation, String scenario, String name, String config, Map<String, String> environment)
            throws IOException {
        return RunningCollector.start(this, implementation, directory(scenario, name), config, environment);
    }

    /**
     * Starts {@code implementation} on the scenario's config, observes it, and stops it. A start
     * that failed because another process bound one of its ports between the lab choosing it and
     * the collector binding it is tried again on fresh ports (the more ports a config has, the
     * likelier: client connections take ports from the same ephemeral range).
     */
    JsonElement observe(Implementation implementation, TrafficScenario scenario) throws Exception {
        for (int attempt = 1; ; attempt++) {
            RunningCollector collector;
            try {
                collector = start(implementation, scenario.name(), implementation.label(), scenario.config(), scenario.environment());
            } catch (IllegalStateException e) {
                if (attempt < START_ATTEMPTS && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains(PORT_TAKEN)) {
                    continue;
                }
                throw e;
            }
            return observe(collector, scenario);
        }
    }

    private JsonElement observe(RunningCollector running, TrafficScenario scenario) throws Exception {
        JsonElement observed;
        try (RunningCollector collector = running) {
            observed = scenario.observe(collector);
        }
        writeObserved(running.dir(), observed);
        return observed;
    }

    /** Beside a run's config and log: what the scenario compared, for reading a difference in context. */
    void writeObserved(Path dir, JsonElement observed) throws IOException {
        Files.writeString(dir.resolve("observed.json"), PRETTY.toJson(observed));
    }

    /** The exit code and output of a one-shot command such as {@code validate}. */
    record CommandResult(int exitCode, String output) {
    }

    CommandResult runCommand(Implementation implementation, Path dir, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, implementation.label(), ".out");
        ProcessBuilder builder = new ProcessBuilder(implementation.command(this, args))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", builder.command()) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        String printed = Files.readString(output);
        Files.delete(output);
        return new CommandResult(process.exitValue(), printed);
    }
}
