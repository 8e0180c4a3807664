package io.tributary.distribution;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line: otelcol's flags ({@code --config} repeatable, {@code --set}
 * repeatable, both also as {@code --flag=value}) and subcommands.
 */
record CommandLine(Command command, List<String> configs, List<String> sets) {
    enum Command { RUN, VALIDATE, COMPONENTS, VERSION, HELP }

    static final String USAGE = """
            Usage: tributary [command] [--config FILE]... [--set key::path=value]...

            Tributary is an OpenTelemetry-compatible trace collector. It reads the
            OpenTelemetry Collector's YAML configuration format.

            Commands:
              (none)       run the collector (the embedded default config without --config)
              validate     check the --config files and exit: 0 if valid, 1 listing every problem
              components   list every component type by kind

            Flags:
              --config FILE    a config file (also file:FILE, env:VAR, yaml:INLINE); repeatable,
                               later files deep-merge over earlier ones (maps merge, lists replace)
              --set K=V        override one value, keys separated by '::',
                               e.g. --set exporters::otlp::endpoint=tempo:4317; repeatable
              --version, -v    print the version
              --help, -h       print this help
            """;

    /** @throws IllegalArgumentException with a message fit for the user on bad arguments */
    static CommandLine parse(String... args) {
        Command command = Command.RUN;
        List<String> configs = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "validate" -> command = Command.VALIDATE;
                case "components" -> command = Command.COMPONENTS;
                case "--version", "-v", "version" -> command = Command.VERSION;
                case "--help", "-h", "help" -> command = Command.HELP;
                case "--config", "-c", "--set" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("flag " + arg + " needs a value");
                    }
                    (arg.equals("--set") ? sets : configs).add(args[++i]);
                }
                default -> {
                    if (arg.startsWith("--config=")) {
                        configs.add(arg.substring("--config=".length()));
                    } else if (arg.startsWith("--set=")) {
                        sets.add(arg.substring("--set=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                }
            }
        }
        return new CommandLine(command, List.copyOf(configs), List.copyOf(sets));
    }
}
