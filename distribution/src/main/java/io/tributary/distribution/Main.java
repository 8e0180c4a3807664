package io.tributary.distribution;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.Kind;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code tributary} command. */
public final class Main {
    static final String DEFAULT_CONFIG = "io/tributary/distribution/default-config.yaml";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command and returns the process exit code; blocks until shutdown for {@code RUN}.
     * Whatever fails (component discovery, a bad services entry, an unexpected exception) ends
     * as one line on {@code err} and exit code 1; the stack trace goes only to the debug log.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return execute(args, out, err);
        } catch (RuntimeException | ServiceConfigurationError e) {
            LoggerFactory.getLogger(Main.class).debug("tributary failed", e);
            err.println("tributary: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName()));
            return 1;
        }
    }

    private static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("tributary: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return 2;
        }
        return switch (cli.command()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                yield 0;
            }
            case VERSION -> {
                out.println("tributary version " + version());
                yield 0;
            }
            case COMPONENTS -> {
                printComponents(Components.discover(), out);
                yield 0;
            }
            case VALIDATE -> validate(cli, err);
            case RUN -> runDaemon(cli, err);
        };
    }

    private static int validate(CommandLine cli, PrintStream err) {
        if (cli.configs().isEmpty()) {
            // As otelcol: validating the embedded default would say nothing about the user's config.
            err.println("tributary: at least one config flag must be provided");
            return 1;
        }
        try {
            List<ConfigError> errors = Service.validate(loadConfig(cli, System::getenv), Components.discover());
            errors.forEach(e -> err.println(e));
            return errors.isEmpty() ? 0 : 1;
        } catch (ConfigException e) {
            e.errors().forEach(err::println);
            return 1;
        }
    }

    private static int runDaemon(CommandLine cli, PrintStream err) {
        Service service;
        try {
            ConfigNode root = loadConfig(cli, System::getenv);
            service = Service.build(root, Components.discover(), version(), Logging::apply);
        } catch (ConfigException e) {
            err.println("tributary: invalid configuration:");
            e.errors().forEach(x -> err.println("  " + x));
            return 1;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        // Listen for signals before starting, so a SIGTERM that arrives during start-up still
        // drains and exits 0. The signal thread waits until the drain is done (for the shutdown
        // hook's sake, which must not let the JVM exit mid-drain).
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Signals.onTermination(() -> {
            stopRequested.countDown();
            awaitQuietly(stopped);
        });
        try {
            log.atInfo().addKeyValue("Version", version()).addKeyValue("NumCPU", Runtime.getRuntime().availableProcessors())
                    .log("Starting tributary...");
            try {
                service.start();
            } catch (Exception e) {
                log.error("Cannot start: {}", e.getMessage());
                service.shutdown();
                return 1;
            }
            log.info("Everything is ready. Begin running and processing data.");
            awaitQuietly(stopRequested);
            log.info("Received shutdown signal; draining and stopping");
            service.shutdown();
            log.info("Shutdown complete.");
            return 0;
        } finally {
            stopped.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The configured sources merged with {@code --set}, or the embedded default when no {@code --config} is given. */
    static ConfigNode loadConfig(CommandLine cli, Function<String, String> env) {
        if (!cli.configs().isEmpty()) {
            return ConfigLoader.load(cli.configs(), cli.sets(), env);
        }
        ConfigNode defaults = ConfigLoader.parse(embeddedDefault(), "<embedded default config>", env);
        return cli.sets().isEmpty() ? defaults : ConfigLoader.merge(defaults, ConfigLoader.load(List.of(), cli.sets(), env));
    }

    static String embeddedDefault() {
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream(DEFAULT_CONFIG)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    private static void printComponents(Components components, PrintStream out) {
        out.println("buildinfo:");
        out.println("  command: tributary");
        out.println("  version: " + version());
        for (Kind kind : Kind.values()) {
            out.println(kind.section() + ":");
            for (ComponentFactory<?> f : components.of(kind)) {
                String aliases = f.aliases().isEmpty() ? "" : "  # alias: " + String.join(", ", f.aliases());
                out.println("  - " + f.type() + aliases);
            }
        }
    }
}
