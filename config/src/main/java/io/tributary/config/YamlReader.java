package io.tributary.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns one YAML document into a {@link ConfigNode} tree. SnakeYAML's composer keeps line marks
 * but leaves duplicate keys, merge keys ({@code <<}) and aliases to a constructor we do not use,
 * so they are handled here; scalars get their {@code ${...}} references expanded.
 */
final class YamlReader {
    private final String source;
    private final boolean withLines;
    private final EnvExpander expander;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(String source, boolean withLines, Function<String, String> env) {
        this.source = source;
        this.withLines = withLines;
        this.expander = new EnvExpander(env);
    }

    /**
     * @param path      the key path of the document's root in the configuration, for error messages
     * @param withLines false for one-line texts such as a {@code --set} value, whose locations
     *                  then name just the source
     * @return the document's root, a null node for an empty document
     */
    static ConfigNode read(String yaml, String source, String path, boolean withLines, Function<String, String> env) {
        YamlReader reader = new YamlReader(source, withLines, env);
        Node root = reader.compose(yaml, path);
        if (root == null) {
            return ConfigNode.nullNode(reader.at(0));
        }
        ConfigNode node = reader.convert(root, path, reader.at(root));
        if (!reader.errors.isEmpty()) {
            throw new ConfigException(reader.errors);
        }
        return node;
    }

    private Node compose(String yaml, String path) {
        try {
            return new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(new ConfigError(at(line(e.getProblemMark())), path, "invalid YAML: " + describe(e)));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigError(at(0), path, "invalid YAML: " + e.getMessage()));
        }
    }

    /** SnakeYAML's problem, plus its context ("while parsing a flow sequence") when it has one. */
    private String describe(MarkedYAMLException e) {
        if (e.getContext() == null) {
            return e.getProblem();
        }
        String where = withLines && e.getContextMark() != null ? " at line " + line(e.getContextMark()) : "";
        return e.getProblem() == null ? e.getContext() + where : e.getProblem() + " (" + e.getContext() + where + ")";
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    private ConfigNode convert(Node node, String path, Location location) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, path, location);
        }
        // An alias may point at one of its own ancestors; following it would never end.
        if (!inProgress.add(node)) {
            return error(location, path, "an alias refers to a node that contains it");
        }
        try {
            return node instanceof MappingNode mapping ? map(mapping, path, location) : list((SequenceNode) node, path, location);
        } finally {
            inProgress.remove(node);
        }
    }

    private ConfigNode scalar(ScalarNode node, String path, Location location) {
        if (node.getTag().equals(Tag.NULL)) {
            return ConfigNode.nullNode(location);
        }
        String text = node.getValue();
        try {
            String expanded = expander.expand(text);
            if (expanded.isEmpty() && EnvExpander.isSingleReference(text)) {
                return ConfigNode.emptyExpansion(location);
            }
            return node.isPlain() ? ConfigNode.scalar(expanded, location) : ConfigNode.quotedScalar(expanded, location);
        } catch (IllegalArgumentException e) {
            return error(location, path, e.getMessage());
        }
    }

    private ConfigNode list(SequenceNode node, String path, Location location) {
        List<ConfigNode> items = new ArrayList<>();
        for (Node item : node.getValue()) {
            items.add(convert(item, path + "[" + items.size() + "]", at(item)));
        }
        return ConfigNode.list(items, location);
    }

    private ConfigNode map(MappingNode node, String path, Location location) {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Integer> firstLines = new HashMap<>();
        List<ConfigNode> mergedMaps = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Location keyLocation = at(keyNode);
            if (keyNode.getTag().equals(Tag.MERGE)) {
                mergedMaps.addAll(mergeSources(tuple.getValueNode(), path, keyLocation));
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                error(keyLocation, path, "a key must be a plain value, not a map or a list");
                continue;
            }
            String key = scalarKey.getValue();
            String keyPath = path.isEmpty() ? key : path + "::" + key;
            Integer firstLine = firstLines.putIfAbsent(key, keyLocation.line());
            if (firstLine != null) {
                error(keyLocation, keyPath, "duplicate key '" + key + "' (first defined at line " + firstLine + ")");
                continue;
            }
            // Values are located at their key: that is the line a reader looks for.
            ConfigLoader.put(entries, key, convert(tuple.getValueNode(), keyPath, keyLocation));
        }
        if (mergedMaps.isEmpty()) {
            return ConfigNode.map(entries, location);
        }
        // YAML merge keys: explicit keys win, then earlier merged maps over later ones.
        Map<String, ConfigNode> merged = new LinkedHashMap<>();
        mergedMaps.forEach(source -> source.entries().forEach(merged::putIfAbsent));
        merged.putAll(entries);
        return ConfigNode.map(merged, location);
    }

    private List<ConfigNode> mergeSources(Node value, String path, Location location) {
        ConfigNode merged = convert(value, path, location);
        List<ConfigNode> maps = merged.kind() == ConfigNode.Kind.LIST ? merged.items() : List.of(merged);
        if (maps.stream().allMatch(m -> m.kind() == ConfigNode.Kind.MAP)) {
            return maps;
        }
        error(location, path, "a merge key '<<' takes a map or a list of maps");
        return List.of();
    }

    private ConfigNode error(Location location, String path, String message) {
        errors.add(new ConfigError(location, path, message));
        return ConfigNode.nullNode(location);
    }

    private Location at(Node node) {
        return at(line(node.getStartMark()));
    }

    private Location at(int line) {
        return new Location(source, withLines ? line : 0);
    }
}
