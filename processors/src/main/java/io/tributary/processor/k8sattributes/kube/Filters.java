package io.tributary.processor.k8sattributes.kube;

import java.util.List;

/**
 * Which pods are watched: in {@code namespace} ("" for all), on {@code node} ("" for all), with
 * every label and field selector term. The node also narrows the node watch to that node.
 */
public record Filters(String namespace, String node, List<Term> labels, List<Term> fields) {
    /** A selector term; {@code op} is equals ("" too), not-equals, exists or does-not-exist. */
    public record Term(String key, String value, String op) {
    }

    public Filters {
        labels = List.copyOf(labels);
        fields = List.copyOf(fields);
    }
}
