package io.tributary.connector.routing;

import io.tributary.config.Validated;
import io.tributary.processor.ottl.ErrorMode;
import java.util.List;

/**
 * The {@code routing} connector's settings, as otelcol's routingconnector: the routes in the
 * order they are tried ({@code table}), the pipelines that get what no route takes
 * ({@code default_pipelines}; none drops it) and what a condition that fails to evaluate does
 * ({@code error_mode}, {@code propagate} by default). Whether the pipelines named are among the
 * connector's is checked when it is created, as otelcol does.
 */
record RoutingConfig(List<RouteConfig> table, List<String> defaultPipelines, ErrorMode errorMode) implements Validated {
    static final RoutingConfig DEFAULT = new RoutingConfig(List.of(), List.of(), ErrorMode.PROPAGATE);

    RoutingConfig {
        table = table == null ? List.of() : List.copyOf(table);
        defaultPipelines = defaultPipelines == null ? List.of() : List.copyOf(defaultPipelines);
        errorMode = errorMode == null ? ErrorMode.PROPAGATE : errorMode;
    }

    @Override
    public void validate() {
        if (table.isEmpty()) {
            throw new IllegalArgumentException("invalid routing table: the routing table is empty");
        }
    }
}
