package io.tributary.connector.routing;

import io.tributary.config.Problems;
import io.tributary.processor.ottl.OttlCondition;
import io.tributary.processor.ottl.OttlContext;
import java.util.List;

/**
 * One route of {@code table} (otelcol's RoutingTableItem): what it selects, an OTTL
 * {@code condition} or {@code statement} ({@code route() where <condition>}) read in
 * {@code context} ({@code resource} by default, {@code span}, {@code metric}, {@code datapoint},
 * {@code log}) or a {@code condition} on the request's metadata ({@code request} context); what it
 * does with it ({@code action}: {@code move}, the default, or {@code copy}); and the
 * {@code pipelines} it goes to. Checked as otelcol's Validate checks it, and the OTTL is compiled
 * here too, so a bad condition is reported at its key and line.
 */
record RouteConfig(String context, String condition, String statement, Action action, List<String> pipelines) {
    /** The editor of a route statement: it selects what its {@code where} clause holds for. */
    private static final String ROUTE = "route";

    /** What a route does with the data it selects. */
    enum Action {
        /** Takes it away: later routes and the default pipelines do not see it. */
        MOVE,
        /** Sends a copy, leaving it for later routes (and the default pipelines). */
        COPY
    }

    RouteConfig {
        context = context == null ? "" : context;
        condition = condition == null ? "" : condition;
        statement = statement == null ? "" : statement;
        action = action == null ? Action.MOVE : action;
        pipelines = pipelines == null ? List.of() : List.copyOf(pipelines);
        if (statement.isEmpty() && condition.isEmpty()) {
            throw new IllegalArgumentException("invalid route: no condition or statement provided");
        }
        if (!statement.isEmpty() && !condition.isEmpty()) {
            throw new IllegalArgumentException("invalid route: both condition and statement provided");
        }
        if (pipelines.isEmpty()) {
            throw new IllegalArgumentException("invalid route: no pipelines defined");
        }
        check(context, condition, statement);
    }

    private static void check(String context, String condition, String statement) {
        Problems problems = new Problems();
        if (context.equals("request")) {
            if (!statement.isEmpty()) {
                throw new IllegalArgumentException("\"request\" context requires a 'condition'");
            }
            try {
                RequestCondition.parse(condition);
            } catch (IllegalArgumentException e) {
                problems.add("condition", e.getMessage());
            }
        } else if (ottlContext(context) == null) {
            problems.add("context", "invalid context: " + context);
        } else {
            try {
                compile(ottlContext(context), condition, statement);
            } catch (IllegalArgumentException e) {
                problems.add(statement.isEmpty() ? "condition" : "statement", e.getMessage());
            }
        }
        problems.throwIfAny();
    }

    boolean isRequest() {
        return context.equals("request");
    }

    /** The condition of a {@code request} route. */
    RequestCondition requestCondition() {
        return RequestCondition.parse(condition);
    }

    /** The OTTL context of any other route. */
    OttlContext ottlContext() {
        return ottlContext(context);
    }

    /** The compiled condition or statement of any other route. */
    OttlCondition ottlCondition() {
        return compile(ottlContext(), condition, statement);
    }

    /**
     * What makes two routes the same, as otelcol keys its table: the statement (a condition
     * taken as {@code route() where <condition>}), prefixed with the context unless it is the
     * resource one; for the request context, its condition.
     */
    String identity() {
        return switch (context) {
            case "", "resource" -> text();
            case "request" -> "[request] " + condition;
            default -> "[" + context + "] " + text();
        };
    }

    /** The statement the route is written as, for messages: a condition as otelcol rewrites it. */
    String text() {
        return condition.isEmpty() ? statement : ROUTE + "() where " + condition;
    }

    private static OttlContext ottlContext(String context) {
        return switch (context) {
            case "", "resource" -> OttlContext.RESOURCE;
            case "span" -> OttlContext.SPAN;
            case "metric" -> OttlContext.METRIC;
            case "datapoint" -> OttlContext.DATAPOINT;
            case "log" -> OttlContext.LOG;
            default -> null;
        };
    }

    private static OttlCondition compile(OttlContext context, String condition, String statement) {
        return statement.isEmpty() ? OttlCondition.parse(condition, context) : OttlCondition.ofStatement(statement, context, ROUTE);
    }
}
