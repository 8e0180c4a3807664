package io.tributary.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The files under {@code docker/} as plain YAML trees (SnakeYAML), with the few navigations the
 * deployment tests share: compose services, Kubernetes objects and the collector workloads in
 * them, and what the Dockerfile declares.
 */
final class DeploymentFiles {
    static final Path DOCKER = Path.of("..", "docker");
    static final Path COMPOSE_FILE = DOCKER.resolve("compose.yaml");
    /** The compose service running the collector image built from the repository. */
    static final String COMPOSE_COLLECTOR = "tributary";
    private static final Pattern PERCENT = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+[kmg]?)\\b");
    private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|m|g)?");

    private DeploymentFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(Path file) {
        return new Yaml().load(read(file));
    }

    static List<Path> files(String directory, String... extensions) {
        try (Stream<Path> files = Files.list(DOCKER.resolve(directory))) {
            return files.filter(p -> Stream.of(extensions).anyMatch(ext -> p.toString().endsWith(ext))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- YAML navigation

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current == null ? null : ((Map<String, Object>) current).get(key);
        }
        return current == null ? Map.of() : (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node, String key) {
        Object list = map(node).get(key);
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object node, String key) {
        Object list = map(node).get(key);
        return list == null ? List.of() : ((List<Object>) list).stream().map(String::valueOf).toList();
    }

    static String string(Object node, String... path) {
        Object value = map(node, Arrays.copyOf(path, path.length - 1)).get(path[path.length - 1]);
        return value == null ? null : String.valueOf(value);
    }

    // ---- compose

    static Map<String, Object> composeServices() {
        return map(yaml(COMPOSE_FILE), "services");
    }

    /** {@code "4317:4317"}, {@code "127.0.0.1:9090:9090/tcp"}: the container side, as {@code 4317/tcp}. */
    static String composeContainerPort(String mapping) {
        String[] protocol = mapping.split("/");
        String[] parts = protocol[0].split(":");
        return parts[parts.length - 1] + "/" + (protocol.length > 1 ? protocol[1] : "tcp");
    }

    /** Bind mounts of a service: container path to host path (relative to the compose file). */
    static Map<String, Path> composeMounts(Object service) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (String volume : strings(service, "volumes")) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".")) {
                mounts.put(parts[1], DOCKER.resolve(parts[0]).normalize());
            }
        }
        return mounts;
    }

    /** The collector's config as compose runs it: its {@code --config} files, its environment. */
    static CollectorConfig composeCollectorConfig() {
        Object service = composeServices().get(COMPOSE_COLLECTOR);
        Map<String, Path> mounts = composeMounts(service);
        List<Path> files = configArguments(strings(service, "command")).stream()
                .map(path -> Objects.requireNonNull(mounts.get(path), () -> "compose does not mount " + path))
                .toList();
        Map<String, String> env = new LinkedHashMap<>();
        map(service, "environment").forEach((k, v) -> env.put(k, String.valueOf(v)));
        return CollectorConfig.load(files, env);
    }

    static List<String> configArguments(List<String> args) {
        List<String> configs = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--config")) {
                configs.add(args.get(++i));
            }
        }
        return configs;
    }

    // ---- Kubernetes

    static List<Map<String, Object>> manifests() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Path file : files("k8s", ".yaml", ".yml")) {
            for (Object doc : new Yaml().loadAll(read(file))) {
                if (doc != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) doc;
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    static List<Map<String, Object>> objects(String kind) {
        return manifests().stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static Map<String, Object> object(String kind, String namespace, String name) {
        return objects(kind).stream()
                .filter(o -> name.equals(string(o, "metadata", "name")) && namespace.equals(string(o, "metadata", "namespace")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name + " in docker/k8s"));
    }

    static List<Workload> workloads() {
        return manifests().stream()
                .filter(o -> Set.of("Deployment", "DaemonSet", "StatefulSet").contains(o.get("kind")))
                .map(Workload::new)
                .toList();
    }

    /** A Deployment or DaemonSet running the collector: its one container, its config, its pod settings. */
    record Workload(Map<String, Object> manifest) {
        String name() {
            return string(manifest, "metadata", "name");
        }

        String namespace() {
            return string(manifest, "metadata", "namespace");
        }

        Map<String, Object> pod() {
            return map(manifest, "spec", "template", "spec");
        }

        Map<String, Object> podLabels() {
            return map(manifest, "spec", "template", "metadata", "labels");
        }

        Map<String, Object> container() {
            List<Map<String, Object>> containers = maps(pod(), "containers");
            if (containers.size() != 1) {
                throw new AssertionError(this + ": expected one container, found " + containers.size());
            }
            return containers.get(0);
        }

        List<Map<String, Object>> ports() {
            return maps(container(), "ports");
        }

        /** A probe's or Service's port, given as a number or as the name of a container port. */
        int port(Object numberOrName) {
            if (numberOrName instanceof Integer number) {
                return number;
            }
            return ports().stream().filter(p -> numberOrName.equals(p.get("name")))
                    .map(p -> (Integer) p.get("containerPort")).findFirst()
                    .orElseThrow(() -> new AssertionError(this + " has no container port named " + numberOrName));
        }

        /** The container's environment; values from the downward API stand in as placeholders. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Map<String, Object> var : maps(container(), "env")) {
                Object value = var.get("value");
                env.put((String) var.get("name"), value != null ? String.valueOf(value) : "from-" + var.get("name"));
            }
            return env;
        }

        /** The volume mount holding the ConfigMap with the collector config, and the ConfigMap's name. */
        Map<String, Object> configMount() {
            for (Map<String, Object> volume : maps(pod(), "volumes")) {
                if (volume.containsKey("configMap")) {
                    return maps(container(), "volumeMounts").stream()
                            .filter(m -> volume.get("name").equals(m.get("name")))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(this + " does not mount its ConfigMap volume"));
                }
            }
            throw new AssertionError(this + " has no ConfigMap volume");
        }

        String configMapName() {
            return maps(pod(), "volumes").stream().filter(v -> v.containsKey("configMap"))
                    .map(v -> string(v, "configMap", "name")).findFirst().orElseThrow();
        }

        String configYaml() {
            String yaml = string(object("ConfigMap", namespace(), configMapName()), "data", "config.yaml");
            if (yaml == null) {
                throw new AssertionError("ConfigMap " + configMapName() + " has no config.yaml");
            }
            return yaml;
        }

        CollectorConfig config() {
            return CollectorConfig.parse(configYaml(), "ConfigMap " + configMapName(), env());
        }

        @Override
        public String toString() {
            return manifest.get("kind") + " " + name();
        }
    }

    // ---- the image

    /** What docker/Dockerfile's final stage declares. */
    record Dockerfile(Set<String> exposed, List<String> cmd, String javaOpts) {
        static Dockerfile read() {
            String text = DeploymentFiles.read(DOCKER.resolve("Dockerfile"));
            String finalStage = text.substring(text.lastIndexOf("\nFROM "));
            Set<String> exposed = new TreeSet<>();
            List<String> cmd = List.of();
            String javaOpts = null;
            for (String line : finalStage.split("\n")) {
                if (line.startsWith("EXPOSE ")) {
                    for (String port : line.substring(7).trim().split("\\s+")) {
                        exposed.add(port.contains("/") ? port : port + "/tcp");
                    }
                } else if (line.startsWith("CMD ")) {
                    cmd = new Yaml().load(line.substring(4));
                } else if (line.startsWith("ENV JAVA_OPTS=")) {
                    javaOpts = new Yaml().load(line.substring("ENV JAVA_OPTS=".length()));
                }
            }
            return new Dockerfile(exposed, cmd, javaOpts);
        }

        /** Where the image's command reads its config. */
        String configPath() {
            List<String> configs = configArguments(cmd);
            if (configs.size() != 1) {
                throw new AssertionError("the Dockerfile's CMD names " + configs.size() + " configs");
            }
            return configs.get(0);
        }
    }

    // ---- memory

    /** The JVM's maximum heap in MiB under a memory limit: {@code -Xmx} when set, else {@code -XX:MaxRAMPercentage} of the limit. */
    static double heapMib(String javaOpts, long limitMib) {
        String opts = javaOpts == null ? "" : javaOpts;
        Matcher xmx = XMX.matcher(opts);
        if (xmx.find()) {
            return mebibytes(xmx.group(1));
        }
        Matcher percent = PERCENT.matcher(opts);
        if (!percent.find()) {
            throw new AssertionError("JAVA_OPTS sets neither -Xmx nor -XX:MaxRAMPercentage: " + javaOpts);
        }
        return limitMib * Double.parseDouble(percent.group(1)) / 100;
    }

    /** A Kubernetes quantity ({@code 512Mi}, {@code 2Gi}) or compose size ({@code 1g}, {@code 512m}) in MiB. */
    static long mebibytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches()) {
            throw new AssertionError("not a memory size: " + quantity);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Gi", "g" -> n * 1024;
            case "Mi", "m" -> n;
            case "Ki", "k" -> n / 1024;
            default -> n / (1024 * 1024);
        };
    }
}
