package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.connector.spanmetrics.SpanMetricsConfig.Dimension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured dimensions of one metric, in order: for each, its attribute name, the index of
 * that name among all the names the connector looks up (one {@link AttributeScan} finds them
 * all), and its default as key text and as attribute value (null without one).
 */
final class DimensionList {
    final String[] attributeNames;
    final int[] nameIndexes;
    final byte[][] defaultText;
    final AnyValue[] defaultValue;

    /** The dimensions, adding names not yet in {@code allNames} to it. */
    DimensionList(List<Dimension> dimensions, List<String> allNames) {
        int n = dimensions.size();
        attributeNames = new String[n];
        nameIndexes = new int[n];
        defaultText = new byte[n][];
        defaultValue = new AnyValue[n];
        for (int i = 0; i < n; i++) {
            Dimension dimension = dimensions.get(i);
            attributeNames[i] = dimension.name();
            int index = allNames.indexOf(dimension.name());
            if (index < 0) {
                index = allNames.size();
                allNames.add(dimension.name());
            }
            nameIndexes[i] = index;
            if (dimension.defaultValue() != null) {
                defaultText[i] = dimension.defaultValue().getBytes(StandardCharsets.UTF_8);
                defaultValue[i] = AnyValue.newBuilder().setStringValue(dimension.defaultValue()).build();
            }
        }
    }

    /** otelcol looks a metric's dimensions up as {@code dimensions} followed by the metric's own. */
    static List<Dimension> concat(List<Dimension> common, List<Dimension> own) {
        List<Dimension> all = new ArrayList<>(common);
        all.addAll(own);
        return all;
    }

    int size() {
        return nameIndexes.length;
    }
}
