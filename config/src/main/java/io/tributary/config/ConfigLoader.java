package io.tributary.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads the collector configuration: parses YAML keeping line numbers, expands
 * {@code ${env:VAR}}, {@code ${VAR}}, {@code ${env:VAR:-default}} and {@code $$}, deep-merges
 * several sources (maps merge, lists replace, later wins) and applies {@code --set} overrides.
 *
 * <p>As in otelcol, {@code ::} inside a key separates levels: {@code processors::batch::timeout: 2s}
 * is the same as the nested form.
 */
public final class ConfigLoader {
    private static final String KEY_SEPARATOR = "::";

    private ConfigLoader() {
    }

    /**
     * @param sources {@code --config} values in order: a path, or {@code file:path}, or {@code yaml:inline},
     *                or {@code env:VAR} (the YAML text is the variable's value)
     * @param sets    {@code --set} values such as {@code exporters::otlp::endpoint=tempo:4317}
     * @param env     environment lookup (System::getenv in production)
     * @throws ConfigException listing the problems of every source and override
     */
    public static ConfigNode load(List<String> sources, List<String> sets, Function<String, String> env) {
        List<ConfigError> errors = new ArrayList<>();
        ConfigNode config = ConfigNode.emptyMap(Location.UNKNOWN);
        for (String source : sources) {
            try {
                config = merge(config, readSource(source, env));
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
        }
        for (String set : sets) {
            try {
                config = merge(config, override(set, env));
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return config;
    }

    /** Parses one YAML document from text; {@code sourceName} appears in error locations. */
    public static ConfigNode parse(String yaml, String sourceName, Function<String, String> env) {
        return document(yaml, sourceName, true, env);
    }

    private static ConfigNode document(String yaml, String sourceName, boolean withLines, Function<String, String> env) {
        ConfigNode root = YamlReader.read(yaml, sourceName, "", withLines, env);
        return switch (root.kind()) {
            case MAP -> root;
            case NULL -> ConfigNode.emptyMap(root.location());
            default -> throw new ConfigException(new ConfigError(root.location(), "",
                    "the configuration must be a map of sections (receivers, processors, ...), got " + describe(root)));
        };
    }

    /** Deep merge: maps merge key by key, anything else in {@code overlay} replaces {@code base}. */
    public static ConfigNode merge(ConfigNode base, ConfigNode overlay) {
        if (base.kind() != ConfigNode.Kind.MAP || overlay.kind() != ConfigNode.Kind.MAP) {
            return overlay;
        }
        Map<String, ConfigNode> merged = new LinkedHashMap<>(base.entries());
        overlay.entries().forEach((key, value) -> merged.merge(key, value, ConfigLoader::merge));
        return ConfigNode.map(merged, base.location());
    }

    /** Adds {@code key} (which may be a {@code ::} path) to {@code entries}, deep-merging with what is there. */
    static void put(Map<String, ConfigNode> entries, String key, ConfigNode value) {
        int separator = key.indexOf(KEY_SEPARATOR);
        if (separator > 0) {
            Map<String, ConfigNode> nested = new LinkedHashMap<>();
            put(nested, key.substring(separator + KEY_SEPARATOR.length()), value);
            entries.merge(key.substring(0, separator), ConfigNode.map(nested, value.location()), ConfigLoader::merge);
        } else {
            entries.merge(key, value, ConfigLoader::merge);
        }
    }

    private static ConfigNode readSource(String source, Function<String, String> env) {
        if (source.startsWith("yaml:")) {
            // The source's name is the text itself; a line number inside it would add nothing.
            return document(source.substring("yaml:".length()), source, false, env);
        }
        if (source.startsWith("env:")) {
            String variable = source.substring("env:".length());
            String yaml = env.apply(variable);
            if (yaml == null) {
                throw new ConfigException(new ConfigError(new Location(source, 0), "",
                        "environment variable " + variable + " is not set"));
            }
            return parse(yaml, source, env);
        }
        String path = source.startsWith("file:") ? source.substring("file:".length()) : source;
        return parse(readFile(path), path, env);
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigError(new Location(path, 0), "", "config file not found: " + path));
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(new ConfigError(new Location(path, 0), "", "cannot read config file " + path + ": " + e));
        }
    }

    /**
     * {@code a::b::c=value}: the value is YAML, so lists ({@code [x, y]}) and maps work. Its nodes
     * are located at the whole {@code --set}, so an error names the flag that caused it.
     */
    private static ConfigNode override(String set, Function<String, String> env) {
        String source = "--set " + set;
        int equals = set.indexOf('=');
        if (equals <= 0) {
            throw new ConfigException(new ConfigError(new Location("--set", 0), "", "expected key=value, got '" + set + "'"));
        }
        String key = set.substring(0, equals).strip();
        ConfigNode value = YamlReader.read(set.substring(equals + 1), source, key, false, env);
        Map<String, ConfigNode> root = new LinkedHashMap<>();
        put(root, key, value);
        return ConfigNode.map(root, new Location(source, 0));
    }

    static String describe(ConfigNode node) {
        return switch (node.kind()) {
            case MAP -> "a map";
            case LIST -> "a list";
            case NULL -> "null";
            case SCALAR -> "'" + node.scalar() + "'";
        };
    }
}
