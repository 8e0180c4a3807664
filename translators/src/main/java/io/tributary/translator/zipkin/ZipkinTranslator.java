package io.tributary.translator.zipkin;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.core.data.Traces;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Zipkin v2 spans ⇄ OTLP, following the OpenTelemetry specification's Zipkin mapping and the Go
 * collector's translator: the local endpoint's service name becomes the resource's
 * {@code service.name} (spans are grouped by it), endpoints become {@code net.host.*},
 * {@code net.peer.*} and {@code peer.service} attributes (and back: {@link RemoteEndpoint}), {@code error} and
 * {@code otel.status_*} tags the status, {@code otel.library.*} or {@code otel.scope.*} tags the
 * scope, annotations events, {@code otlp.link.N} tags links ({@link LinkTags}). Zipkin has no span
 * flags: {@code debug} and {@code shared} are not carried, as in otelcol. Zipkin v1 has a mapping
 * of its own: {@link ZipkinV1Translator}.
 */
public final class ZipkinTranslator {
    /** The service name of spans whose resource has none; otelcol's exporter writes its default instead. */
    public static final String NO_SERVICE_NAME = "OTLPResourceNoServiceName";
    /** Set (as otelcol does) on spans that arrived without a timestamp, so the exporter leaves it out again. */
    static final String START_TIME_ABSENT = "otel.zipkin.absentField.startTime";

    static final String SERVICE_NAME = "service.name";
    static final String NET_HOST_IP = "net.host.ip";
    static final String NET_HOST_PORT = "net.host.port";
    static final String NET_PEER_IP = "net.peer.ip";
    static final String NET_PEER_PORT = "net.peer.port";
    static final String PEER_SERVICE = "peer.service";
    static final String ERROR = "error";
    static final String STATUS_CODE = "otel.status_code";
    static final String STATUS_DESCRIPTION = "otel.status_description";
    static final String LIBRARY_NAME = "otel.library.name";
    static final String LIBRARY_VERSION = "otel.library.version";
    static final String SCOPE_NAME = "otel.scope.name";
    static final String SCOPE_VERSION = "otel.scope.version";
    static final String SPAN_KIND = "span.kind";
    static final String TRACE_STATE = "w3c.tracestate";

    /** Names the resource attribute that holds the service name, when it is not {@code service.name}. */
    static final String SERVICE_NAME_SOURCE = "otlp.service.name.source";

    /**
     * Tags that describe the process rather than the span, which otelcol moves to the resource
     * (the resource semantic conventions it knows, and OpenCensus's): taken from the first span of
     * each service, dropped from every span.
     */
    private static final Set<String> RESOURCE_TAGS = Set.of(
            "cloud.provider", "cloud.account.id", "cloud.region", "cloud.availability_zone", "cloud.platform",
            "aws.ecs.container.arn", "aws.ecs.cluster.arn", "aws.ecs.launchtype", "aws.ecs.task.arn", "aws.ecs.task.family",
            "aws.ecs.task.revision", "aws.eks.cluster.arn", "aws.log.group.names", "aws.log.group.arns", "aws.log.stream.names",
            "aws.log.stream.arns",
            "container.name", "container.id", "container.runtime", "container.image.name", "container.image.tag",
            "deployment.environment",
            "device.id", "device.model.identifier", "device.model.name", "device.manufacturer",
            "faas.name", "faas.id", "faas.version", "faas.instance", "faas.max_memory",
            "host.id", "host.name", "host.type", "host.arch", "host.image.name", "host.image.id", "host.image.version",
            "k8s.cluster.name", "k8s.node.name", "k8s.node.uid", "k8s.namespace.name", "k8s.pod.uid", "k8s.pod.name",
            "k8s.container.name", "k8s.container.restart_count", "k8s.replicaset.uid", "k8s.replicaset.name",
            "k8s.deployment.uid", "k8s.deployment.name", "k8s.statefulset.uid", "k8s.statefulset.name", "k8s.daemonset.uid",
            "k8s.daemonset.name", "k8s.job.uid", "k8s.job.name", "k8s.cronjob.uid", "k8s.cronjob.name",
            "os.type", "os.description", "os.name", "os.version",
            "process.pid", "process.executable.name", "process.executable.path", "process.command", "process.command_line",
            "process.command_args", "process.owner", "process.runtime.name", "process.runtime.version",
            "process.runtime.description",
            "service.name", "service.namespace", "service.instance.id", "service.version",
            "telemetry.sdk.name", "telemetry.sdk.language", "telemetry.sdk.version", "telemetry.auto.version",
            "webengine.name", "webengine.version", "webengine.description",
            "opencensus.starttime", "opencensus.exporterversion", "opencensus.resourcetype");

    private static final Pattern EVENT_WITH_ATTRIBUTES = Pattern.compile("[^|]*\\|\\{.*\\}\\|\\d+", Pattern.DOTALL);
    private static final HexFormat HEX = HexFormat.of();
    private static final long NANOS_PER_MICRO = 1000;

    private ZipkinTranslator() {
    }

    /**
     * @param parseStringTags when true, string tag values that look like ints, floats or bools
     *                        become attributes of that type (the receiver's {@code parse_string_tags})
     * @throws IllegalArgumentException when a trace or span ID is all zeros
     */
    public static Traces toTraces(List<Span> spans, boolean parseStringTags) {
        // One resource per service and one scope per library within it, in order of first appearance.
        Map<String, ServiceGroup> byService = new LinkedHashMap<>();
        for (Span span : spans) {
            Map<String, String> tags = new LinkedHashMap<>(span.tags());
            String service = serviceName(span);
            byService.computeIfAbsent(service, s -> new ServiceGroup(s, tags))
                    .scope(tags)
                    .addSpans(toSpan(span, tags, parseStringTags));
        }
        List<ResourceSpans> resources = new ArrayList<>(byService.size());
        for (ServiceGroup group : byService.values()) {
            ResourceSpans.Builder resource = ResourceSpans.newBuilder().setResource(group.resource);
            group.scopes.values().forEach(resource::addScopeSpans);
            resources.add(resource.build());
        }
        return Traces.of(resources);
    }

    /**
     * One service's resource (described by the tags of its first span, as otelcol does) and its
     * scopes. The service is named in {@code service.name}, or in the attribute that
     * {@code otlp.service.name.source} names (where otelcol's exporter found it); a resource tag
     * of the same name wins.
     */
    private static final class ServiceGroup {
        final Resource resource;
        final Map<String, ScopeSpans.Builder> scopes = new LinkedHashMap<>();

        ServiceGroup(String service, Map<String, String> firstTags) {
            Map<String, String> attributes = new LinkedHashMap<>();
            if (!service.equals(NO_SERVICE_NAME)) {
                String source = firstTags.get(SERVICE_NAME_SOURCE);
                attributes.put(source == null || source.isEmpty() ? SERVICE_NAME : source, service);
            }
            firstTags.forEach((key, value) -> {
                if (RESOURCE_TAGS.contains(key)) {
                    attributes.put(key, value);
                }
            });
            Resource.Builder resource = Resource.newBuilder();
            attributes.forEach((key, value) -> resource.addAttributes(string(key, value)));
            this.resource = resource.build();
        }

        ScopeSpans.Builder scope(Map<String, String> tags) {
            String name = first(tags, SCOPE_NAME, LIBRARY_NAME);
            String version = first(tags, SCOPE_VERSION, LIBRARY_VERSION);
            return scopes.computeIfAbsent(name == null ? "" : name, n -> {
                ScopeSpans.Builder scope = ScopeSpans.newBuilder();
                if (name != null || version != null) {
                    scope.setScope(InstrumentationScope.newBuilder()
                            .setName(name == null ? "" : name)
                            .setVersion(version == null ? "" : version));
                }
                return scope;
            });
        }
    }

    private static String first(Map<String, String> tags, String key, String fallbackKey) {
        String value = tags.get(key);
        return value != null ? value : tags.get(fallbackKey);
    }

    private static String serviceName(Span span) {
        String name = span.localServiceName();
        return name == null || name.isEmpty() ? NO_SERVICE_NAME : name;
    }

    private static io.opentelemetry.proto.trace.v1.Span toSpan(Span span, Map<String, String> tags, boolean parseStringTags) {
        io.opentelemetry.proto.trace.v1.Span.Builder out = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(nonZero(traceId(span.traceId())))
                .setSpanId(nonZero(ByteString.fromHex(span.id())))
                .setName(span.name() == null ? "" : span.name());
        if (span.parentId() != null && !span.parentId().equals(span.id())) {
            out.setParentSpanId(ByteString.fromHex(span.parentId()));
        }
        String traceState = tags.remove(TRACE_STATE);
        if (traceState != null) {
            out.setTraceState(traceState);
        }
        out.setKind(kind(span.kind(), tags));
        out.setStatus(status(tags));
        tags.keySet().removeAll(RESOURCE_TAGS);
        tags.keySet().removeAll(List.of(SCOPE_NAME, SCOPE_VERSION, LIBRARY_NAME, LIBRARY_VERSION, SERVICE_NAME_SOURCE));
        out.addAllLinks(LinkTags.read(tags));
        endpointAttributes(span, tags, out);
        tags.forEach((key, value) -> out.addAttributes(KeyValue.newBuilder()
                .setKey(key).setValue(parseStringTags ? TagValues.parse(value) : TagValues.string(value))));
        long start = span.timestampAsLong() * NANOS_PER_MICRO;
        if (span.timestampAsLong() == 0) {
            out.addAttributes(KeyValue.newBuilder().setKey(START_TIME_ABSENT).setValue(AnyValue.newBuilder().setBoolValue(true)));
        }
        out.setStartTimeUnixNano(start).setEndTimeUnixNano(start + span.durationAsLong() * NANOS_PER_MICRO);
        for (Annotation annotation : span.annotations()) {
            out.addEvents(event(annotation));
        }
        return out.build();
    }

    /**
     * An annotation otelcol wrote for an event with attributes, {@code name|{json}|dropped}, gets
     * them back; any other annotation (or one whose JSON does not parse) is an event named by its value.
     */
    private static io.opentelemetry.proto.trace.v1.Span.Event event(Annotation annotation) {
        io.opentelemetry.proto.trace.v1.Span.Event.Builder event = io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
                .setTimeUnixNano(annotation.timestamp() * NANOS_PER_MICRO)
                .setName(annotation.value());
        String value = annotation.value();
        if (EVENT_WITH_ATTRIBUTES.matcher(value).matches()) {
            int first = value.indexOf('|');
            int last = value.lastIndexOf('|');
            try {
                event.addAllAttributes(Json.readObject(value.substring(first + 1, last)))
                        .setDroppedAttributesCount(Integer.parseInt(value.substring(last + 1)))
                        .setName(value.substring(0, first));
            } catch (IllegalArgumentException notOurs) {
                event.clearAttributes().setDroppedAttributesCount(0);
            }
        }
        return event.build();
    }

    /**
     * zipkin2 refuses an all-zero ID written in full but lets a short one ({@code "0"}) through,
     * padded; OTLP and Zipkin alike call it invalid, and Zipkin's encoder refuses it on export.
     */
    static ByteString nonZero(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return id;
            }
        }
        throw new IllegalArgumentException("ID is all zeros");
    }

    /** 64-bit IDs are left-padded with zeros to OTLP's 16 bytes, as otelcol does. */
    static ByteString traceId(String hex) {
        return ByteString.fromHex(hex.length() == 16 ? "0000000000000000" + hex : hex);
    }

    private static io.opentelemetry.proto.trace.v1.Span.SpanKind kind(Span.Kind kind, Map<String, String> tags) {
        if (kind != null) {
            return switch (kind) {
                case CLIENT -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
                case SERVER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
                case PRODUCER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_PRODUCER;
                case CONSUMER -> io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER;
            };
        }
        // Zipkin has no INTERNAL kind; the exporter marks it with a tag.
        String tagged = tags.remove(SPAN_KIND);
        return "internal".equals(tagged)
                ? io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL
                : io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_UNSPECIFIED;
    }

    private static Status status(Map<String, String> tags) {
        Status.Builder status = Status.newBuilder();
        String code = tags.remove(STATUS_CODE);
        if (code != null) {
            // The spec says OK/ERROR; otelcol versions have written STATUS_CODE_ERROR and Error.
            status.setCode(switch (code.toUpperCase(Locale.ROOT).replace("STATUS_CODE_", "")) {
                case "OK" -> Status.StatusCode.STATUS_CODE_OK;
                case "ERROR" -> Status.StatusCode.STATUS_CODE_ERROR;
                default -> Status.StatusCode.STATUS_CODE_UNSET;
            });
            String description = tags.remove(STATUS_DESCRIPTION);
            if (description != null) {
                status.setMessage(description);
            }
        }
        // Zipkin marks a failed span with any "error" value (often the message); only "false" is not a failure.
        String error = tags.get(ERROR);
        if (error != null && !error.equalsIgnoreCase("false")) {
            status.setCode(Status.StatusCode.STATUS_CODE_ERROR);
            if (error.equals("true")) {
                tags.remove(ERROR);
            }
        }
        return status.build();
    }

    /**
     * The endpoints as otelcol writes them: addresses replace tags of the same name; the remote
     * service becomes {@code peer.service} unless the span has that tag, as the specification's
     * Zipkin mapping says (otelcol overwrites the tag).
     */
    private static void endpointAttributes(Span span, Map<String, String> tags, io.opentelemetry.proto.trace.v1.Span.Builder out) {
        Endpoint local = span.localEndpoint();
        if (local != null) {
            addAddress(out, tags, local, NET_HOST_IP, NET_HOST_PORT);
        }
        Endpoint remote = span.remoteEndpoint();
        if (remote != null) {
            if (remote.serviceName() != null && !tags.containsKey(PEER_SERVICE)) {
                out.addAttributes(string(PEER_SERVICE, remote.serviceName()));
            }
            addAddress(out, tags, remote, NET_PEER_IP, NET_PEER_PORT);
        }
    }

    private static void addAddress(io.opentelemetry.proto.trace.v1.Span.Builder out, Map<String, String> tags, Endpoint endpoint,
            String ipKey, String portKey) {
        String ip = endpoint.ipv6() != null ? endpoint.ipv6() : endpoint.ipv4();
        if (ip != null) {
            tags.remove(ipKey);
            out.addAttributes(string(ipKey, ip));
        }
        if (endpoint.portAsInt() > 0) {
            tags.remove(portKey);
            out.addAttributes(KeyValue.newBuilder().setKey(portKey).setValue(AnyValue.newBuilder().setIntValue(endpoint.portAsInt())));
        }
    }

    static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(TagValues.string(value)).build();
    }

    public static List<Span> toSpans(Traces traces) {
        return ZipkinSpans.of(traces);
    }

    static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
