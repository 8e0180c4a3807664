package io.tributary.distribution;

import static io.tributary.distribution.DeploymentFiles.COMPOSE_COLLECTOR;
import static io.tributary.distribution.DeploymentFiles.map;
import static io.tributary.distribution.DeploymentFiles.maps;
import static io.tributary.distribution.DeploymentFiles.string;
import static io.tributary.distribution.DeploymentFiles.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.ConfigNode;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.core.net.HostPort;
import io.tributary.distribution.DeploymentFiles.Dockerfile;
import io.tributary.distribution.DeploymentFiles.Workload;
import io.tributary.exporter.loadbalancing.LoadBalancingExporterConfig;
import io.tributary.exporter.loadbalancing.LoadBalancingExporterConfig.K8sResolverConfig;
import io.tributary.exporter.otlp.OtlpExporterConfig;
import io.tributary.extension.healthcheck.HealthCheckConfig;
import io.tributary.processor.memorylimiter.MemoryLimiterConfig;
import io.tributary.processor.tailsampling.TailSamplingConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml, the manifests in docker/k8s and docker/Dockerfile agree with each other
 * and with the collector configs they run: every port published or probed is one the config
 * listens on and the image declares, configs are mounted where the image reads them, the agents'
 * resolver finds the gateways' Service and may read it, and pods get time and memory enough for
 * what the configs hold. Nothing here needs a Docker engine or a cluster.
 */
class DeploymentFilesTest {
    private static final Dockerfile IMAGE = Dockerfile.read();
    /** A variable the config reads: {@code ${env:NAME}}, or k8sattributes' {@code node_from_env_var: NAME}. */
    private static final Pattern REQUIRED_ENV =
            Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}|node_from_env_var:\\s*([A-Za-z_][A-Za-z0-9_]*)");

    static Stream<Workload> workloads() {
        return DeploymentFiles.workloads().stream();
    }

    // ---- compose

    @Test
    void composePublishesOnlyPortsTheCollectorListensOn() {
        assertThat(composeCollectorPorts().stream().map(DeploymentFilesTest::portNumber))
                .isSubsetOf(DeploymentFiles.composeCollectorConfig().listeningPorts());
    }

    @Test
    void composeCollectorReadsTheImagesConfigPathFirst() {
        List<String> command = strings(composeCollector(), "command");

        assertThat(DeploymentFiles.configArguments(command)).first().isEqualTo(IMAGE.configPath());
    }

    @Test
    void composeMountsEveryConfigTheCollectorReads() {
        List<String> configs = DeploymentFiles.configArguments(strings(composeCollector(), "command"));

        assertThat(DeploymentFiles.composeMounts(composeCollector())).containsKeys(configs.toArray(String[]::new));
    }

    @Test
    void composeBindMountsExistInTheRepository() {
        assertThat(DeploymentFiles.composeServices().values().stream()
                .flatMap(service -> DeploymentFiles.composeMounts(service).values().stream()))
                .isNotEmpty()
                .allSatisfy(source -> assertThat(source).exists());
    }

    @Test
    void composeImagesArePinnedToAVersion() {
        assertThat(DeploymentFiles.composeServices().values().stream()
                .filter(service -> !map(service).containsKey("build"))
                .map(service -> string(service, "image")))
                .isNotEmpty()
                .allSatisfy(image -> assertThat(image).matches(".+:[^:/]+").doesNotEndWith(":latest"));
    }

    @Test
    void demoGeneratorSendsToTheCollectorsOtlpGrpcPort() {
        List<String> command = strings(DeploymentFiles.composeServices().get("demo"), "command");
        InetSocketAddress endpoint = HostPort.parse(command.get(command.indexOf("--endpoint") + 1));

        assertThat(endpoint.getHostString()).isEqualTo(COMPOSE_COLLECTOR);
        assertThat(endpoint.getPort()).isEqualTo(otlpGrpcPort(DeploymentFiles.composeCollectorConfig().root()));
    }

    @Test
    void collectorExportsToComposeServices() {
        ConfigNode exporters = DeploymentFiles.composeCollectorConfig().root().get("exporters");

        // The prometheus exporter's endpoint is where it listens, not where it sends.
        assertThat(exporters.entries().entrySet().stream().filter(e -> !e.getKey().equals("prometheus") && !e.getKey().startsWith("prometheus/"))
                .map(e -> HostPort.parse(e.getValue().get("endpoint").scalar()).getHostString()))
                .isNotEmpty()
                .allSatisfy(host -> assertThat(DeploymentFiles.composeServices()).containsKey(host));
    }

    @Test
    void tempoReceivesOtlpWhereTheCollectorSendsIt() {
        ConfigNode tempoExporter = DeploymentFiles.composeCollectorConfig().root().get("exporters").get("otlp/tempo");
        String tempoReceiver = string(DeploymentFiles.yaml(composeMount("tempo", "/etc/tempo.yaml")),
                "distributor", "receivers", "otlp", "protocols", "grpc", "endpoint");

        assertThat(HostPort.parse(tempoExporter.get("endpoint").scalar()).getPort())
                .isEqualTo(HostPort.parse(tempoReceiver).getPort());
    }

    @Test
    void prometheusScrapesTheCollectorsMetricsAddress() {
        Map<String, Object> prometheus = DeploymentFiles.yaml(composeMount("prometheus", "/etc/prometheus/prometheus.yml"));
        List<String> targets = maps(prometheus, "scrape_configs").stream()
                .flatMap(job -> maps(job, "static_configs").stream())
                .flatMap(c -> strings(c, "targets").stream())
                .toList();

        assertThat(targets).contains(COMPOSE_COLLECTOR + ":" + DeploymentFiles.composeCollectorConfig().metricsPort());
    }

    @Test
    void grafanaDataSourcesPointAtComposeServices() {
        assertThat(grafanaDataSources().stream().map(ds -> URI.create(string(ds, "url")).getHost()))
                .containsExactlyInAnyOrder("tempo", "jaeger", "prometheus")
                .allSatisfy(host -> assertThat(DeploymentFiles.composeServices()).containsKey(host));
    }

    @Test
    void grafanaTempoDataSourceUsesTempoHttpPort() {
        Map<String, Object> tempo = grafanaDataSources().stream().filter(ds -> "tempo".equals(ds.get("type"))).findFirst().orElseThrow();
        Object httpPort = map(DeploymentFiles.yaml(composeMount("tempo", "/etc/tempo.yaml")), "server").get("http_listen_port");

        assertThat(URI.create(string(tempo, "url")).getPort()).isEqualTo(httpPort);
    }

    @Test
    void grafanaCorrelationsLinkTempoAndJaegerBothWays() {
        Map<String, String> links = new HashMap<>();
        for (Map<String, Object> ds : grafanaDataSources()) {
            for (Map<String, Object> correlation : maps(ds, "correlations")) {
                links.put(string(ds, "uid"), string(correlation, "targetUID"));
            }
        }

        assertThat(links).containsEntry("tempo", "jaeger").containsEntry("jaeger", "tempo");
    }

    // ---- the image

    @Test
    void imageExposesEveryPortComposePublishes() {
        assertThat(IMAGE.exposed()).containsAll(composeCollectorPorts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void imageExposesEveryContainerPort(Workload workload) {
        assertThat(IMAGE.exposed()).containsAll(workload.ports().stream()
                .map(p -> p.get("containerPort") + "/" + String.valueOf(p.getOrDefault("protocol", "TCP")).toLowerCase())
                .toList());
    }

    // ---- Kubernetes: ports, probes, config

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void containerPortsAreListenedOn(Workload workload) {
        assertThat(workload.ports().stream().map(p -> (Integer) p.get("containerPort")))
                .isSubsetOf(workload.config().listeningPorts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void hostPortsAreTheContainerPorts(Workload workload) {
        assertThat(workload.ports()).filteredOn(p -> p.containsKey("hostPort"))
                .allSatisfy(p -> assertThat(p.get("hostPort")).isEqualTo(p.get("containerPort")));
    }

    @Test
    void servicesTargetPortsTheSelectedCollectorsListenOn() {
        List<Map<String, Object>> services = DeploymentFiles.objects("Service");
        assertThat(services).isNotEmpty();
        for (Map<String, Object> service : services) {
            Workload workload = selected(service);
            for (Map<String, Object> port : maps(map(service, "spec"), "ports")) {
                Object target = port.getOrDefault("targetPort", port.get("port"));
                assertThat(workload.config().listeningPorts()).contains(workload.port(target));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void readinessAndLivenessAskTheHealthCheck(Workload workload) {
        HealthCheckConfig health = workload.config().healthCheck();
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> get = map(workload.container(), probe, "httpGet");
            assertThat(workload.port(get.get("port"))).as(probe).isEqualTo(HostPort.parse(health.endpoint()).getPort());
            assertThat(get.get("path")).as(probe).isEqualTo(health.path());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void configMapIsMountedWhereTheImageReadsItsConfig(Workload workload) {
        assertThat(string(workload.configMount(), "mountPath") + "/config.yaml").isEqualTo(IMAGE.configPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void containerReadsTheImagesConfigPath(Workload workload) {
        assertThat(DeploymentFiles.configArguments(strings(workload.container(), "args"))).containsExactly(IMAGE.configPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void everyVariableTheConfigNeedsIsSetInThePod(Workload workload) {
        Set<String> required = new HashSet<>();
        Matcher m = REQUIRED_ENV.matcher(workload.configYaml());
        while (m.find()) {
            required.add(m.group(1) != null ? m.group(1) : m.group(2));
        }

        assertThat(workload.env().keySet()).containsAll(required);
    }

    // ---- Kubernetes: agents and gateways

    @Test
    void agentsResolveAHeadlessGatewayService() {
        Map<String, Object> service = gatewayService();

        assertThat(string(service, "spec", "clusterIP")).isEqualTo("None");
    }

    @Test
    void gatewaysListenOnTheResolversPorts() {
        Workload gateway = selected(gatewayService());

        assertThat(gateway.config().listeningPorts()).containsAll(resolver().ports());
    }

    @Test
    void gatewayServiceOffersTheResolversPorts() {
        assertThat(maps(map(gatewayService(), "spec"), "ports").stream().map(p -> (Integer) p.get("port")))
                .containsAll(resolver().ports());
    }

    @Test
    void agentsMayReadExactlyTheEndpointSlicesTheResolverWatches() {
        Workload agent = agent();
        String namespace = resolverNamespace(agent);
        Map<String, Object> binding = DeploymentFiles.objects("RoleBinding").stream()
                .filter(b -> namespace.equals(string(b, "metadata", "namespace")))
                .filter(b -> maps(b, "subjects").stream().anyMatch(s -> "ServiceAccount".equals(s.get("kind"))
                        && string(agent.pod(), "serviceAccountName").equals(s.get("name"))
                        && agent.namespace().equals(s.get("namespace"))))
                .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding for the agents' ServiceAccount in " + namespace));
        Map<String, Object> role = DeploymentFiles.object(string(binding, "roleRef", "kind"), namespace, string(binding, "roleRef", "name"));

        assertThat(maps(role, "rules")).singleElement().satisfies(rule -> {
            assertThat(strings(rule, "apiGroups")).containsExactly("discovery.k8s.io");
            assertThat(strings(rule, "resources")).containsExactly("endpointslices");
            assertThat(strings(rule, "verbs")).containsExactlyInAnyOrder("get", "list", "watch");
        });
    }

    /** k8sattributes watches pods, namespaces and ReplicaSets cluster-wide: the agents' account may. */
    @Test
    void agentsMayWatchWhatK8sAttributesReads() {
        Workload agent = agent();
        Map<String, Object> processors = map(new Yaml().load(agent.configYaml()), "processors");
        assertThat(processors).as("the agents' processors").containsKey("k8sattributes");
        Map<String, Object> binding = DeploymentFiles.objects("ClusterRoleBinding").stream()
                .filter(b -> maps(b, "subjects").stream().anyMatch(s -> "ServiceAccount".equals(s.get("kind"))
                        && string(agent.pod(), "serviceAccountName").equals(s.get("name"))
                        && agent.namespace().equals(s.get("namespace"))))
                .findFirst().orElseThrow(() -> new AssertionError("no ClusterRoleBinding for the agents' ServiceAccount"));
        assertThat(string(binding, "roleRef", "kind")).isEqualTo("ClusterRole");
        Map<String, Object> role = DeploymentFiles.objects("ClusterRole").stream()
                .filter(r -> string(binding, "roleRef", "name").equals(string(r, "metadata", "name")))
                .findFirst().orElseThrow();
        Set<String> watchable = new HashSet<>();
        for (Map<String, Object> rule : maps(role, "rules")) {
            if (strings(rule, "verbs").containsAll(List.of("get", "list", "watch"))) {
                for (String group : strings(rule, "apiGroups")) {
                    strings(rule, "resources").forEach(resource -> watchable.add(group + "/" + resource));
                }
            }
        }

        assertThat(watchable).contains("/pods", "/namespaces", "apps/replicasets");
    }

    @Test
    void disruptionBudgetCoversTheGateways() {
        Map<String, Object> pdb = DeploymentFiles.objects("PodDisruptionBudget").stream().findFirst().orElseThrow();

        assertThat(selected(pdb).name()).isEqualTo(selected(gatewayService()).name());
    }

    @Test
    void autoscalerScalesTheGatewaysAndKeepsOneMoreThanTheBudgetNeeds() {
        Map<String, Object> hpa = DeploymentFiles.objects("HorizontalPodAutoscaler").stream().findFirst().orElseThrow();
        Map<String, Object> pdb = DeploymentFiles.objects("PodDisruptionBudget").stream().findFirst().orElseThrow();

        assertThat(string(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(selected(gatewayService()).name());
        assertThat((Integer) map(hpa, "spec").get("minReplicas")).isGreaterThan((Integer) map(pdb, "spec").get("minAvailable"));
    }

    @Test
    void autoscaledContainersRequestCpu() {
        Workload gateway = selected(gatewayService());

        assertThat(string(gateway.container(), "resources", "requests", "cpu")).isNotBlank();
    }

    // ---- time and memory

    /**
     * After SIGTERM the pod must outlast: the preStop pause, tail sampling's wait for late spans
     * (decision_wait, when sampling), the exporters' queue drain, and the last send's timeout.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void gracePeriodOutlastsTheDrain(Workload workload) {
        CollectorConfig config = workload.config();
        Duration decisionWait = config.component("processors", "tail_sampling", TailSamplingConfig.class, TailSamplingConfig.DEFAULT)
                .map(TailSamplingConfig::decisionWait).orElse(Duration.ZERO);
        Duration needed = preStopPause(workload).plus(decisionWait).plus(ExporterHelper.DRAIN_TIMEOUT)
                .plus(OtlpExporterConfig.DEFAULT.timeout());

        assertThat(Duration.ofSeconds(((Number) workload.pod().get("terminationGracePeriodSeconds")).longValue()))
                .isGreaterThanOrEqualTo(needed);
    }

    static Stream<Memory> collectorsWithMemoryLimits() {
        Map<String, Object> compose = composeCollector();
        return Stream.concat(
                Stream.of(new Memory("compose " + COMPOSE_COLLECTOR, DeploymentFiles.composeCollectorConfig(),
                        DeploymentFiles.mebibytes(string(compose, "mem_limit")),
                        String.valueOf(map(compose, "environment").getOrDefault("JAVA_OPTS", IMAGE.javaOpts())))),
                workloads().map(w -> new Memory(w.toString(), w.config(),
                        DeploymentFiles.mebibytes(string(w.container(), "resources", "limits", "memory")),
                        w.env().getOrDefault("JAVA_OPTS", IMAGE.javaOpts()))));
    }

    /**
     * memory_limiter's hard limit sits inside the heap, and the heap inside the container's limit,
     * so the limiter refuses data before the heap (or the pod) runs out.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("collectorsWithMemoryLimits")
    void memoryLimiterRefusesBeforeTheHeapIsFull(Memory memory) {
        MemoryLimiterConfig limiter = memory.config().component("processors", "memory_limiter", MemoryLimiterConfig.class,
                MemoryLimiterConfig.DEFAULT).orElseThrow(() -> new AssertionError(memory + " has no memory_limiter"));
        double heapMib = DeploymentFiles.heapMib(memory.javaOpts(), memory.limitMib());
        double hardLimitMib = limiter.limitMib() > 0 ? limiter.limitMib() : heapMib * limiter.limitPercentage() / 100;

        assertThat(heapMib).isLessThan(memory.limitMib());
        assertThat(hardLimitMib).isLessThan(heapMib);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collectorsWithMemoryLimits")
    void memoryLimiterIsTheFirstProcessor(Memory memory) {
        // A pipeline fed only by connectors gets what a pipeline with a receiver already let in.
        ConfigNode connectors = memory.config().root().get("connectors");
        Set<String> connectorIds = connectors == null ? Set.of() : connectors.entries().keySet();
        assertThat(memory.config().pipelines().values())
                .filteredOn(p -> !connectorIds.containsAll(p.receivers()))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.processors()).first().isEqualTo("memory_limiter"));
    }

    record Memory(String name, CollectorConfig config, long limitMib, String javaOpts) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---- helpers

    private static Map<String, Object> composeCollector() {
        return map(DeploymentFiles.composeServices().get(COMPOSE_COLLECTOR));
    }

    /** The collector's published ports, container side, as {@code 4317/tcp}. */
    private static List<String> composeCollectorPorts() {
        return strings(composeCollector(), "ports").stream().map(DeploymentFiles::composeContainerPort).toList();
    }

    private static int portNumber(String portAndProtocol) {
        return Integer.parseInt(portAndProtocol.substring(0, portAndProtocol.indexOf('/')));
    }

    private static Path composeMount(String service, String containerPath) {
        Path file = DeploymentFiles.composeMounts(DeploymentFiles.composeServices().get(service)).get(containerPath);
        assertThat(file).as(service + " mounts " + containerPath).isNotNull();
        assertThat(Files.isRegularFile(file)).isTrue();
        return file;
    }

    private static List<Map<String, Object>> grafanaDataSources() {
        return maps(DeploymentFiles.yaml(composeMount("grafana", "/etc/grafana/provisioning/datasources/datasources.yaml")),
                "datasources");
    }

    private static int otlpGrpcPort(ConfigNode config) {
        return HostPort.parse(config.get("receivers").get("otlp").get("protocols").get("grpc").get("endpoint").scalar()).getPort();
    }

    /** The one workload whose pod labels a Service's or budget's selector matches. */
    private static Workload selected(Map<String, Object> selecting) {
        Map<String, Object> spec = map(selecting, "spec");
        Map<String, Object> selector = spec.containsKey("selector") && map(spec, "selector").containsKey("matchLabels")
                ? map(spec, "selector", "matchLabels")
                : map(spec, "selector");
        List<Workload> matching = workloads()
                .filter(w -> w.namespace().equals(string(selecting, "metadata", "namespace")))
                .filter(w -> w.podLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        assertThat(matching).as("workloads selected by " + string(selecting, "metadata", "name")).hasSize(1);
        return matching.get(0);
    }

    private static Workload agent() {
        return workloads().filter(w -> w.config().component("exporters", "loadbalancing",
                        LoadBalancingExporterConfig.class, LoadBalancingExporterConfig.DEFAULT).isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no workload exports with loadbalancing"));
    }

    private static K8sResolverConfig resolver() {
        K8sResolverConfig k8s = agent().config().component("exporters", "loadbalancing", LoadBalancingExporterConfig.class,
                LoadBalancingExporterConfig.DEFAULT).orElseThrow().resolver().k8s();
        assertThat(k8s).as("the agents' loadbalancing resolver is k8s").isNotNull();
        return k8s;
    }

    /** {@code name.namespace}; without a namespace the resolver uses the agent's own. */
    private static String resolverNamespace(Workload agent) {
        String service = resolver().service();
        return service.contains(".") ? service.substring(service.indexOf('.') + 1) : agent.namespace();
    }

    private static Map<String, Object> gatewayService() {
        String service = resolver().service();
        String name = service.contains(".") ? service.substring(0, service.indexOf('.')) : service;
        return DeploymentFiles.object("Service", resolverNamespace(agent()), name);
    }

    /** A {@code preStop} of {@code sleep N} delays the SIGTERM by N seconds. */
    private static Duration preStopPause(Workload workload) {
        List<String> command = strings(map(workload.container(), "lifecycle", "preStop", "exec"), "command");
        return command.size() == 2 && command.get(0).equals("sleep") ? Duration.ofSeconds(Long.parseLong(command.get(1))) : Duration.ZERO;
    }
}
