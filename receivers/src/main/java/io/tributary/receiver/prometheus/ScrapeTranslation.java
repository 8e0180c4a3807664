package io.tributary.receiver.prometheus;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.receiver.prometheus.Exposition.Metadata;
import io.tributary.receiver.prometheus.MetricFamily.FamilyMetadata;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scrape's samples (after relabeling, with staleness markers and the scrape's own {@code up}
 * and {@code scrape_*} samples) turned into one OTLP request, as otelcol's prometheusreceiver
 * transaction does: a resource per {@code job}/{@code instance} ({@code service.name},
 * {@code service.instance.id}, {@code server.address}, {@code server.port}, {@code url.scheme},
 * and {@code target_info}'s labels), a scope per {@code otel_scope_name}/{@code otel_scope_version}
 * (the receiver's own when absent; {@code otel_scope_info} gives scope attributes), a metric per
 * family. Not thread-safe: one scrape builds one.
 */
final class ScrapeTranslation {
    static final String SCOPE_NAME = "otel_scope_name";
    static final String SCOPE_VERSION = "otel_scope_version";
    static final String SCOPE_SCHEMA_URL = "otel_scope_schema_url";
    /** otelcol's scope for metrics that name none. */
    static final String RECEIVER_SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/prometheusreceiver";
    private static final String TARGET_INFO = "target_info";
    private static final String SCOPE_INFO = "otel_scope_info";

    /** otelcol's metadata for the samples a scrape adds about itself, whatever the target says. */
    private static final Map<String, FamilyMetadata> SCRAPE_METADATA = Map.of(
            "up", new FamilyMetadata("up", "gauge", "The scraping was successful", ""),
            "scrape_duration_seconds", new FamilyMetadata("scrape_duration_seconds", "gauge", "Duration of the scrape", "seconds"),
            "scrape_samples_scraped", new FamilyMetadata("scrape_samples_scraped", "gauge", "The number of samples the target exposed", ""),
            "scrape_series_added", new FamilyMetadata("scrape_series_added", "gauge", "The approximate number of new series in this scrape", ""),
            "scrape_samples_post_metric_relabeling", new FamilyMetadata("scrape_samples_post_metric_relabeling", "gauge",
                    "The number of samples remaining after metric relabeling was applied", ""));

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeTranslation.class);

    private record ResourceKey(String job, String instance) {
    }

    private record ScopeKey(String name, String version, String schemaUrl) {
        static final ScopeKey NONE = new ScopeKey("", "", "");
    }

    /** What one resource gathers: its attributes, and per scope the scope's attributes and its families. */
    private static final class ResourceEntry {
        final Map<String, String> attributes;
        final Map<ScopeKey, Map<String, MetricFamily>> scopes = new LinkedHashMap<>();
        final Map<ScopeKey, Map<String, String>> scopeAttributes = new LinkedHashMap<>();

        ResourceEntry(Map<String, String> attributes) {
            this.attributes = attributes;
        }
    }

    private final Target target;
    private final Map<String, String> externalLabels;
    private final Map<String, Metadata> metadata;
    private final boolean trimSuffixes;
    private final String version;
    private final Map<ResourceKey, ResourceEntry> resources = new LinkedHashMap<>();

    /**
     * @param metadata the target's metric metadata by family name, as its scrapes declared it
     * @param version  the collector's version, the receiver scope's version
     */
    ScrapeTranslation(Target target, Map<String, String> externalLabels, Map<String, Metadata> metadata, boolean trimSuffixes,
            String version) {
        this.target = target;
        this.externalLabels = externalLabels;
        this.metadata = metadata;
        this.trimSuffixes = trimSuffixes;
        this.version = version;
    }

    /** A sample (or a staleness marker, {@link StaleMarker#VALUE}) with its final labels. */
    void append(SortedMap<String, String> sampleLabels, long timestampMs, double value) {
        SortedMap<String, String> labels = withExternalLabels(sampleLabels);
        ResourceKey key = resourceKey(labels);
        ResourceEntry resource = resource(key);
        String name = labels.get(Labels.NAME);
        if (name.equals("up") && value != 1 && !StaleMarker.is(value)) {
            LOG.atWarn().setMessage(value == 0 ? "Failed to scrape Prometheus endpoint" : "The 'up' metric contains invalid value")
                    .addKeyValue("scrape_timestamp", timestampMs).addKeyValue("target_labels", labels.toString()).log();
        }
        if (name.equals(TARGET_INFO)) {
            labels.forEach((label, labelValue) -> {
                if (!label.equals(Labels.JOB) && !label.equals(Labels.INSTANCE) && !label.equals(Labels.NAME)) {
                    resource.attributes.put(label, labelValue);
                }
            });
            return;
        }
        if (name.equals(SCOPE_INFO)) {
            Map<String, String> attributes = new LinkedHashMap<>();
            labels.forEach((label, labelValue) -> {
                if (!Labels.JOB.equals(label) && !Labels.INSTANCE.equals(label) && !Labels.NAME.equals(label)
                        && !label.equals(SCOPE_NAME) && !label.equals(SCOPE_VERSION) && !label.equals(SCOPE_SCHEMA_URL)) {
                    attributes.put(label, labelValue);
                }
            });
            resource.scopeAttributes.put(scopeKey(labels), attributes);
            return;
        }
        try {
            family(resource, scopeKey(labels), name).add(name, labels, timestampMs, value);
        } catch (MetricFamily.InvalidSampleException e) {
            LOG.atWarn().setMessage("failed to add datapoint").addKeyValue("error", e.getMessage()).addKeyValue("metric_name", name)
                    .addKeyValue("labels", labels.toString()).log();
        }
    }

    /** The exemplar of the sample with {@code sampleLabels}, which was appended at {@code timestampMs}. */
    void appendExemplar(SortedMap<String, String> sampleLabels, Exposition.Exemplar exemplar, long timestampMs) {
        SortedMap<String, String> labels = withExternalLabels(sampleLabels);
        String name = labels.get(Labels.NAME);
        family(resource(resourceKey(labels)), scopeKey(labels), name).addExemplar(labels, exemplar, timestampMs);
    }

    /** The request of everything appended; without resource metrics when no family has a data point. */
    ExportMetricsServiceRequest request() {
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        resources.values().forEach(resource -> {
            ResourceMetrics.Builder entry = ResourceMetrics.newBuilder().setResource(Resource.newBuilder()
                    .addAllAttributes(resource.attributes.entrySet().stream().map(a -> MetricFamily.attribute(a.getKey(), a.getValue())).toList()));
            resource.scopes.forEach((scope, families) -> {
                ScopeMetrics.Builder scopeMetrics = ScopeMetrics.newBuilder().setScope(scope(scope, resource.scopeAttributes.get(scope)));
                if (!scope.schemaUrl().isEmpty()) {
                    scopeMetrics.setSchemaUrl(scope.schemaUrl());
                }
                for (MetricFamily family : families.values()) {
                    Metric metric = family.toMetric(trimSuffixes);
                    if (metric != null) {
                        scopeMetrics.addMetrics(metric);
                    }
                }
                entry.addScopeMetrics(scopeMetrics);
            });
            if (entry.getScopeMetricsList().stream().anyMatch(scope -> scope.getMetricsCount() > 0)) {
                request.addResourceMetrics(entry);
            }
        });
        return request.build();
    }

    private InstrumentationScope scope(ScopeKey scope, Map<String, String> attributes) {
        if (scope.equals(ScopeKey.NONE)) {
            return InstrumentationScope.newBuilder().setName(RECEIVER_SCOPE).setVersion(version).build();
        }
        InstrumentationScope.Builder builder = InstrumentationScope.newBuilder().setName(scope.name()).setVersion(scope.version());
        if (attributes != null) {
            attributes.forEach((key, value) -> builder.addAttributes(MetricFamily.attribute(key, value)));
        }
        return builder.build();
    }

    private SortedMap<String, String> withExternalLabels(SortedMap<String, String> labels) {
        if (externalLabels.isEmpty()) {
            return labels;
        }
        SortedMap<String, String> with = new TreeMap<>(labels);
        with.putAll(externalLabels);
        return with;
    }

    /** The family a sample belongs to, made on its first sample, found by name as otelcol finds it. */
    private MetricFamily family(ResourceEntry resource, ScopeKey scope, String name) {
        Map<String, MetricFamily> families = resource.scopes.computeIfAbsent(scope, s -> new LinkedHashMap<>());
        MetricFamily family = families.get(name);
        if (family != null) {
            return family;
        }
        String familyName = name;
        if (!metadata.containsKey(name)) {
            familyName = PrometheusNames.familyName(name);
            // OpenMetrics' foo_created belongs to counter foo, whose samples are foo_total.
            if (name.endsWith("_created") && isCounter(familyName)) {
                familyName += "_total";
            }
        }
        family = families.get(familyName);
        if (family == null || !family.includes(name)) {
            family = newFamily(name);
            families.put(family.name, family);
        }
        return family;
    }

    private MetricFamily newFamily(String name) {
        FamilyMetadata scrape = SCRAPE_METADATA.get(name);
        if (scrape != null) {
            return new MetricFamily(name, scrape);
        }
        Metadata own = metadata.get(name);
        if (own != null) {
            return new MetricFamily(name, new FamilyMetadata(name, own.type(), own.help(), own.unit()));
        }
        String familyName = PrometheusNames.familyName(name);
        Metadata family = metadata.get(familyName);
        if (family == null) {
            return new MetricFamily(name, new FamilyMetadata(name, Metadata.UNKNOWN, "", ""));
        }
        FamilyMetadata found = new FamilyMetadata(familyName, family.type(), family.help(), family.unit());
        if (family.type().equals("counter")) {
            // A counter keeps its sample name (foo_total); its _created sample names that one.
            return new MetricFamily(name.endsWith("_created") ? familyName + "_total" : name, found);
        }
        return new MetricFamily(familyName, found);
    }

    private boolean isCounter(String familyName) {
        Metadata family = metadata.get(familyName);
        return family != null && family.type().equals("counter");
    }

    /** The sample's job and instance, or the target's when the sample has none (a federated series, say). */
    private ResourceKey resourceKey(SortedMap<String, String> labels) {
        String job = labels.getOrDefault(Labels.JOB, "");
        String instance = labels.getOrDefault(Labels.INSTANCE, "");
        return new ResourceKey(job.isEmpty() ? target.job() : job, instance.isEmpty() ? target.instance() : instance);
    }

    private ResourceEntry resource(ResourceKey key) {
        return resources.computeIfAbsent(key, k -> new ResourceEntry(resourceAttributes(k.job(), k.instance(), target.scheme())));
    }

    /** otelcol's resource for a job and instance (v0.148: the stable semantic conventions, no {@code net.host.*}). */
    static Map<String, String> resourceAttributes(String job, String instance, String scheme) {
        String host = instance;
        String port = "";
        int colon = instance.lastIndexOf(':');
        boolean bracketed = instance.startsWith("[");
        if (colon >= 0 && (!bracketed || instance.charAt(colon - 1) == ']') && (bracketed || instance.indexOf(':') == colon)) {
            host = bracketed ? instance.substring(1, colon - 1) : instance.substring(0, colon);
            port = instance.substring(colon + 1);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("service.name", job);
        if (isDiscernibleHost(host)) {
            attributes.put("server.address", host);
        }
        attributes.put("service.instance.id", instance);
        attributes.put("server.port", port);
        attributes.put("url.scheme", scheme);
        return attributes;
    }

    /** Whether {@code host} names a machine: not localhost, a loopback or the unspecified address. */
    private static boolean isDiscernibleHost(String host) {
        if (host.equals("localhost")) {
            return false;
        }
        if (!isIpLiteral(host)) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return !address.isLoopbackAddress() && !address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":") && host.matches("[0-9A-Fa-f:.]+");
    }

    private static ScopeKey scopeKey(SortedMap<String, String> labels) {
        String name = labels.getOrDefault(SCOPE_NAME, "");
        String version = labels.getOrDefault(SCOPE_VERSION, "");
        String schemaUrl = labels.getOrDefault(SCOPE_SCHEMA_URL, "");
        return name.isEmpty() && version.isEmpty() && schemaUrl.isEmpty() ? ScopeKey.NONE : new ScopeKey(name, version, schemaUrl);
    }
}
