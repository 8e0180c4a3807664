package io.tributary.connector.routing;

import com.google.protobuf.Message;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Connector;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.component.Kind;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.processor.ottl.ConditionSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code routing}: sends each part of a pipeline's data to the pipelines of the first route of
 * its table that selects it (by resource, span, metric, data point or log record with OTTL, or by
 * the request's metadata), what no route takes to the default pipelines; traces to traces,
 * metrics to metrics, logs to logs, as otelcol's routingconnector.
 */
public final class RoutingConnectorFactory implements ConnectorFactory<RoutingConfig> {
    private static final Logger log = LoggerFactory.getLogger(RoutingConnectorFactory.class);

    @Override
    public String type() {
        return "routing";
    }

    @Override
    public boolean connects(Signal<?> from, Signal<?> to) {
        return from == to;
    }

    /**
     * @throws IllegalArgumentException in otelcol's words when a pipeline of the table or of
     *                                  {@code default_pipelines} does not receive from this connector
     */
    @Override
    @SuppressWarnings("unchecked")
    public <F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<F> create(ComponentContext context,
            RoutingConfig config, Signal<F> from, ConnectorTargets<T> to) {
        // connects() admits only from == to, so T is F.
        return router(context, config, from, Nesting.of(from), (ConnectorTargets<F>) to);
    }

    private static <D extends SignalData<D, ?>, E extends Message> Router<D, E> router(ComponentContext context, RoutingConfig config,
            Signal<D> signal, Nesting<D, E, ?, ?> nesting, ConnectorTargets<D> targets) {
        // One consumer per list of pipelines, so that routes to the same list share one batch.
        Map<List<String>, SignalConsumer<D>> consumers = new HashMap<>();
        SignalConsumer<D> defaults = config.defaultPipelines().isEmpty() ? null
                : consumers.computeIfAbsent(checked(config.defaultPipelines(), targets), targets::of);
        List<Router.Step<D, E>> steps = new ArrayList<>();
        Set<String> identities = new HashSet<>();
        for (RouteConfig route : config.table()) {
            SignalConsumer<D> target = consumers.computeIfAbsent(checked(route.pipelines(), targets), targets::of);
            if (!identities.add(route.identity())) {
                ComponentLog.of(log.atWarn(), Kind.CONNECTOR, context.id(), signal).log(
                        "Statement \"{}\" already exists in the routing table, the route with target pipeline(s) \"{}\" will be ignored.",
                        route.text(), String.join(", ", route.pipelines()));
                continue;
            }
            Selector<E> selector = route.isRequest() ? request(route.requestCondition())
                    : nesting.selector(route.ottlContext(), ConditionSequence.of(List.of(route.ottlCondition()), config.errorMode()));
            if (selector == null) {
                ComponentLog.of(log.atWarn(), Kind.CONNECTOR, context.id(), signal).log(
                        "The route \"{}\" of context \"{}\" never matches {}, which have no such context.", route.text(),
                        route.context(), signal);
                continue;
            }
            steps.add(new Router.Step<>(selector, route.action() == RouteConfig.Action.COPY, target));
        }
        return new Router<>(nesting, steps, defaults);
    }

    /** {@code pipelines}, when every one receives from this connector. */
    private static List<String> checked(List<String> pipelines, ConnectorTargets<?> targets) {
        List<String> missing = pipelines.stream().filter(id -> !targets.ids().contains(id)).map(id -> "missing consumer: \"" + id + "\"").toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("pipeline not found: " + String.join("; ", missing));
        }
        return pipelines;
    }

    /** A {@code request} route: the whole batch, or nothing. */
    private static <E extends Message> Selector<E> request(RequestCondition condition) {
        return (left, taken, copy, client) -> {
            if (condition.matches(client)) {
                taken.addAll(left);
                if (!copy) {
                    left.clear();
                }
            }
        };
    }

    @Override
    public Class<RoutingConfig> configType() {
        return RoutingConfig.class;
    }

    @Override
    public RoutingConfig defaultConfig() {
        return RoutingConfig.DEFAULT;
    }
}
