package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.core.client.ClientInfo;
import io.tributary.processor.attributes.actions.ActionConfig.ActionType;
import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.filtermatch.AttributeValues;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * otelcol's attribute action engine (coreinternal/attraction), shared by the {@code attributes}
 * and {@code resource} processors: an ordered list of actions, checked and compiled once, applied
 * to one attribute list at a time.
 */
public final class AttributeActions {
    private final List<Action> actions;
    private final boolean readsClient;
    /** Null until bound to a batch's client by {@link #forClient}, and whenever no action reads it. */
    private final ClientValues client;

    private AttributeActions(List<Action> actions, boolean readsClient, ClientValues client) {
        this.actions = actions;
        this.readsClient = readsClient;
        this.client = client;
    }

    /**
     * Checks each action as otelcol's {@code NewAttrProc} does and compiles its pattern.
     *
     * @throws IllegalArgumentException naming the action's position and what is wrong
     */
    public static AttributeActions compile(List<ActionConfig> configs) {
        List<Action> actions = new ArrayList<>(configs.size());
        boolean readsClient = false;
        for (int i = 0; i < configs.size(); i++) {
            actions.add(compile(configs.get(i), i));
            // Only inserts, updates and upserts take a value; compile refused from_context elsewhere or ignores it.
            readsClient |= !configs.get(i).fromContext().isEmpty()
                    && EnumSet.of(ActionType.INSERT, ActionType.UPDATE, ActionType.UPSERT).contains(configs.get(i).action());
        }
        return new AttributeActions(List.copyOf(actions), readsClient, null);
    }

    /**
     * These actions for one batch from {@code client}, which {@code from_context} reads; this
     * itself when no action reads the client. Not for concurrent use: one batch at a time.
     */
    public AttributeActions forClient(ClientInfo client) {
        return readsClient ? new AttributeActions(actions, true, new ClientValues(client)) : this;
    }

    /**
     * Applies every action in order.
     *
     * @return {@code attributes} itself when no action changed anything, else a new list
     * @throws IllegalStateException when an action reads the client and these actions were not bound to one by {@link #forClient}
     */
    public List<KeyValue> apply(List<KeyValue> attributes) {
        if (readsClient && client == null) {
            throw new IllegalStateException("from_context actions are applied only for a client (forClient)");
        }
        AttributeEdit edit = new AttributeEdit(attributes, client);
        for (Action action : actions) {
            action.apply(edit);
        }
        return edit.result();
    }

    private static Action compile(ActionConfig config, int index) {
        ActionType type = config.action();
        String key = config.key();
        if (type == null) {
            throw new IllegalArgumentException("error creating AttrProc due to unsupported action \"\" at the " + index + "-th actions");
        }
        String name = type.name().toLowerCase(Locale.ROOT);
        if (type == ActionType.DELETE || type == ActionType.HASH) {
            if (key.isEmpty() && config.pattern().isEmpty()) {
                throw new IllegalArgumentException("error creating AttrProc due to missing required field (at least one of \"key\" and \"pattern\" have to be used) at the " + index + "-th actions");
            }
        } else if (key.isEmpty()) {
            throw new IllegalArgumentException("error creating AttrProc due to missing required field \"key\" at the " + index + "-th actions");
        }
        int valueSources = (config.value() != null ? 1 : 0) + (config.fromAttribute().isEmpty() ? 0 : 1)
                + (config.fromContext().isEmpty() ? 0 : 1);
        if (!config.convertedType().isEmpty() && type != ActionType.CONVERT) {
            throw new IllegalArgumentException("error creating AttrProc. Action \"" + name + "\" does not use the \"converted_type\" field. This must not be specified for " + index + "-th action");
        }
        return switch (type) {
            case INSERT, UPDATE, UPSERT -> {
                if (valueSources == 0) {
                    throw new IllegalArgumentException("error creating AttrProc. Either field \"value\", \"from_attribute\" or \"from_context\" setting must be specified for " + index + "-th action");
                }
                if (valueSources > 1) {
                    throw new IllegalArgumentException("error creating AttrProc due to multiple value sources being set at the " + index + "-th actions");
                }
                if (!config.pattern().isEmpty()) {
                    throw new IllegalArgumentException("error creating AttrProc. Action \"" + name + "\" does not use the \"pattern\" field. This must not be specified for " + index + "-th action");
                }
                AnyValue value = config.value() == null ? null : AttributeValues.fromConfig(config.value());
                Action.Source source = new Action.Source(value, config.fromContext(), config.fromAttribute());
                yield switch (type) {
                    case INSERT -> new Action.Insert(key, source);
                    case UPDATE -> new Action.Update(key, source);
                    default -> new Action.Upsert(key, source);
                };
            }
            case DELETE, HASH -> {
                // As otelcol, which ignores from_context here rather than refusing it.
                if (config.value() != null || !config.fromAttribute().isEmpty()) {
                    throw new IllegalArgumentException("error creating AttrProc. Action \"" + name + "\" does not use \"value\" or \"from_attribute\" field. These must not be specified for " + index + "-th action");
                }
                GoRegex pattern = config.pattern().isEmpty() ? null : pattern(config.pattern(), index);
                yield type == ActionType.DELETE ? new Action.Delete(key, pattern) : new Action.Hash(key, pattern);
            }
            case EXTRACT -> {
                if (valueSources > 0) {
                    throw new IllegalArgumentException("error creating AttrProc. Action \"" + name + "\" does not use a value source field. These must not be specified for " + index + "-th action");
                }
                if (config.pattern().isEmpty()) {
                    throw new IllegalArgumentException("error creating AttrProc due to missing required field \"pattern\" for action \"" + name + "\" at the " + index + "-th action");
                }
                GoRegex pattern = pattern(config.pattern(), index);
                if (pattern.groupNames().isEmpty()) {
                    throw new IllegalArgumentException("error creating AttrProc. Field \"pattern\" contains no named matcher groups at the " + index + "-th actions");
                }
                if (pattern.groupNames().contains("")) {
                    throw new IllegalArgumentException("error creating AttrProc. Field \"pattern\" contains at least one unnamed matcher group at the " + index + "-th actions");
                }
                yield new Action.Extract(key, pattern);
            }
            case CONVERT -> {
                if (valueSources > 0 || !config.pattern().isEmpty()) {
                    throw new IllegalArgumentException("error creating AttrProc. Action \"" + name + "\" does not use value sources or \"pattern\" field. These must not be specified for " + index + "-th action");
                }
                if (config.convertedType().isEmpty()) {
                    throw new IllegalArgumentException("error creating AttrProc due to missing required field \"converted_type\" for action \"" + name + "\" at the " + index + "-th action");
                }
                Conversion to = Conversion.named(config.convertedType());
                if (to == null) {
                    throw new IllegalArgumentException("error creating AttrProc due to invalid value \"" + config.convertedType() + "\" in field \"converted_type\" for action \"" + name + "\" at the " + index + "-th action");
                }
                yield new Action.Convert(key, to);
            }
        };
    }

    private static GoRegex pattern(String expression, int index) {
        try {
            return GoRegex.compile(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("error creating AttrProc. Field \"pattern\" has invalid pattern: \"" + expression + "\" to be set at the " + index + "-th actions", e);
        }
    }
}
