package io.tributary.processor.k8sattributes;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.core.client.ClientInfo;
import io.tributary.processor.k8sattributes.kube.MetadataKeys;
import io.tributary.processor.k8sattributes.kube.PodIdentifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which pod a resource comes from, as otelcol's {@code pod_association} reads it: the first
 * association whose every source has a value (the sender's IP for {@code connection}, the
 * attribute's string value for {@code resource_attribute}; {@code host.name} only when it is an
 * IP). Without associations, otelcol's fallbacks in order: {@code k8s.pod.ip}, {@code ip}, the
 * sender's IP, then {@code host.name} when it is an IP, each looked up as a connection IP.
 */
final class PodAssociation {
    /** The attribute otelcol's fallback reads after {@code k8s.pod.ip}. */
    static final String IP_ATTRIBUTE = "ip";
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<List<PodIdentifier.Part>> associations;

    PodAssociation(List<List<PodIdentifier.Part>> associations) {
        this.associations = associations;
    }

    /** The pod identifier of a resource with {@code attributes} sent by {@code client}; empty when nothing names a pod. */
    PodIdentifier identify(List<KeyValue> attributes, ClientInfo client) {
        if (associations.isEmpty()) {
            return fallback(attributes, client);
        }
        for (List<PodIdentifier.Part> association : associations) {
            List<PodIdentifier.Part> parts = new ArrayList<>(association.size());
            for (PodIdentifier.Part source : association) {
                String value = source.from().equals(PodIdentifier.CONNECTION) ? client.address()
                        : ResourceEdit.string(attributes, source.name());
                if (value.isEmpty() || source.name().equals(MetadataKeys.HOST_NAME) && !isIp(value)) {
                    parts = null;
                    break;
                }
                parts.add(new PodIdentifier.Part(source.from(), source.name(), value));
            }
            if (parts != null) {
                return new PodIdentifier(parts);
            }
        }
        return new PodIdentifier(List.of());
    }

    private static PodIdentifier fallback(List<KeyValue> attributes, ClientInfo client) {
        for (String candidate : new String[] {ResourceEdit.string(attributes, MetadataKeys.POD_IP),
                ResourceEdit.string(attributes, IP_ATTRIBUTE), client.address()}) {
            if (!candidate.isEmpty()) {
                return PodIdentifier.connection(candidate);
            }
        }
        String hostName = ResourceEdit.string(attributes, MetadataKeys.HOST_NAME);
        return isIp(hostName) ? PodIdentifier.connection(hostName) : new PodIdentifier(List.of());
    }

    /** Go's {@code net.ParseIP} succeeds: a dotted IPv4 address (no leading zeros) or an IPv6 one. */
    static boolean isIp(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            return false;
        }
        try {
            // a literal with a colon is parsed, never resolved
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
