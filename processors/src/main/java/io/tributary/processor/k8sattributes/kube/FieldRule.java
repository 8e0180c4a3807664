package io.tributary.processor.k8sattributes.kube;

import io.tributary.processor.filterset.GoRegex;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * One {@code extract.labels} or {@code extract.annotations} entry: copies the label (or
 * annotation) {@code key}, or every one whose key matches {@code keyRegex} in full, of a pod, its
 * namespace or its node. The attribute is {@code tagName} when given, else the default
 * {@code k8s.<from>.labels.<key>} (or {@code .annotations.}); with a {@code keyRegex} that has
 * capture groups, {@code tagName} is a template ({@code $1}, {@code ${name}}) expanded per key,
 * and without groups {@code tagName} is ignored, as in otelcol.
 */
public record FieldRule(String tagName, String key, GoRegex keyRegex, String from) {
    public static final String FROM_POD = "pod";
    public static final String FROM_NAMESPACE = "namespace";
    public static final String FROM_NODE = "node";
    /** The workload kinds rules may read, each also the middle of its attribute names ({@code k8s.deployment.label.<key>}). */
    public static final List<String> WORKLOADS = List.of("deployment", "statefulset", "daemonset", "job");
    /** Every {@code from} otelcol accepts. */
    public static final Set<String> SOURCES = Set.of(FROM_POD, FROM_NAMESPACE, FROM_NODE, "deployment", "statefulset", "daemonset", "job");

    /** The {@code resource.opentelemetry.io/<attribute>} annotations, each as its attribute ({@code extract.otel_annotations}). */
    static final FieldRule OTEL_ANNOTATIONS = new FieldRule("$1", "", compileKeyRegex("resource\\.opentelemetry\\.io/(.+)"), FROM_POD);

    /** A config entry's rule; {@code from} defaults to pod. */
    public static FieldRule of(String tagName, String key, String keyRegex, String from) {
        return new FieldRule(tagName, key, keyRegex.isEmpty() ? null : compileKeyRegex(keyRegex), from.isEmpty() ? FROM_POD : from);
    }

    /** @throws IllegalArgumentException with Go's wording when the expression does not compile */
    public static GoRegex compileKeyRegex(String expression) {
        try {
            return GoRegex.compile("^(?:" + expression + ")$");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getMessage());
        }
    }

    /** Adds to {@code tags} what this rule takes from {@code metadata} (labels or annotations); {@code prefix} makes default names. */
    void extract(Map<String, String> metadata, Map<String, String> tags, String prefix) {
        if (keyRegex == null) {
            String value = metadata.get(key);
            if (value != null) {
                tags.put(tagName.isEmpty() ? prefix + key : tagName, value);
            }
            return;
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            Matcher matcher = keyRegex.matcher(entry.getKey());
            if (!entry.getValue().isEmpty() && matcher.matches()) {
                boolean template = matcher.groupCount() > 0 && !tagName.isEmpty();
                tags.put(template ? expand(matcher) : prefix + entry.getKey(), entry.getValue());
            }
        }
    }

    /** Go's {@code Regexp.Expand}: {@code $n}, {@code ${n}}, {@code $name}, {@code ${name}} and {@code $$}; unknown groups expand to "". */
    private String expand(Matcher matcher) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < tagName.length()) {
            char c = tagName.charAt(i);
            if (c != '$' || i + 1 == tagName.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (tagName.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            boolean braced = tagName.charAt(i + 1) == '{';
            int start = braced ? i + 2 : i + 1;
            int end = start;
            while (end < tagName.length() && (Character.isLetterOrDigit(tagName.charAt(end)) || tagName.charAt(end) == '_')) {
                end++;
            }
            if (end == start || (braced && (end == tagName.length() || tagName.charAt(end) != '}'))) {
                out.append(c);
                i++;
                continue;
            }
            out.append(group(matcher, tagName.substring(start, end)));
            i = braced ? end + 1 : end;
        }
        return out.toString();
    }

    private String group(Matcher matcher, String name) {
        int index = name.length() < 6 && name.chars().allMatch(Character::isDigit) ? Integer.parseInt(name) : keyRegex.groupNames().indexOf(name) + 1;
        if (index <= 0 && !"0".equals(name) || index > matcher.groupCount()) {
            return "";
        }
        String value = matcher.group(index);
        return value == null ? "" : value;
    }
}
