package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.processor.filterset.GoRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** One compiled action, applied in place to an attribute list as otelcol's AttrProc applies it. */
sealed interface Action {
    void apply(AttributeEdit attributes);

    /** Where an insert, update or upsert takes its value: the config, the batch's client, or another attribute. */
    record Source(AnyValue value, String fromContext, String fromAttribute) {
        AnyValue read(AttributeEdit attributes) {
            if (value != null) {
                return value;
            }
            return fromContext.isEmpty() ? attributes.get(fromAttribute) : attributes.fromContext(fromContext);
        }
    }

    record Insert(String key, Source source) implements Action {
        @Override
        public void apply(AttributeEdit attributes) {
            AnyValue value = source.read(attributes);
            if (value != null && attributes.get(key) == null) {
                attributes.put(key, value);
            }
        }
    }

    record Update(String key, Source source) implements Action {
        @Override
        public void apply(AttributeEdit attributes) {
            AnyValue value = source.read(attributes);
            if (value != null && attributes.get(key) != null) {
                attributes.put(key, value);
            }
        }
    }

    record Upsert(String key, Source source) implements Action {
        @Override
        public void apply(AttributeEdit attributes) {
            AnyValue value = source.read(attributes);
            if (value != null) {
                attributes.put(key, value);
            }
        }
    }

    /** The key, then every key the pattern finds a match in (taken before any is removed). */
    record Delete(String key, GoRegex pattern) implements Action {
        @Override
        public void apply(AttributeEdit attributes) {
            attributes.remove(key);
            for (String matching : matchingKeys(attributes, pattern)) {
                attributes.remove(matching);
            }
        }
    }

    /** The key, then every key the pattern finds a match in; as in otelcol, a key that is both is hashed twice. */
    record Hash(String key, GoRegex pattern) implements Action {
        @Override
        public void apply(AttributeEdit attributes) {
            hash(attributes, key);
            for (String matching : matchingKeys(attributes, pattern)) {
                hash(attributes, matching);
            }
        }

        private static void hash(AttributeEdit attributes, String key) {
            AnyValue value = attributes.get(key);
            if (value != null) {
                attributes.put(key, Hashing.hash(value));
            }
        }
    }

    /** Each named group of the first match in a string attribute becomes a string attribute ("" when it took no part). */
    record Extract(String key, GoRegex pattern) implements Action {
        @Override
        public void apply(AttributeEdit attributes) {
            AnyValue value = attributes.get(key);
            if (value == null || !value.hasStringValue()) {
                return;
            }
            Matcher matcher = pattern.matcher(value.getStringValue());
            if (!matcher.find()) {
                return;
            }
            List<String> names = pattern.groupNames();
            for (int group = 1; group <= names.size(); group++) {
                String text = matcher.group(group);
                attributes.put(names.get(group - 1), AnyValue.newBuilder().setStringValue(text == null ? "" : text).build());
            }
        }
    }

    record Convert(String key, Conversion to) implements Action {
        @Override
        public void apply(AttributeEdit attributes) {
            AnyValue value = attributes.get(key);
            if (value != null) {
                attributes.put(key, to.convert(key, value));
            }
        }
    }

    private static List<String> matchingKeys(AttributeEdit attributes, GoRegex pattern) {
        if (pattern == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            if (pattern.matches(attributes.keyAt(i))) {
                keys.add(attributes.keyAt(i));
            }
        }
        return keys;
    }
}
