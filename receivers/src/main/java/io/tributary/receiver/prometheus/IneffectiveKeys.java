package io.tributary.receiver.prometheus;

import io.tributary.config.Binder;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The keys of a bound config that are accepted and have no effect: by this package's
 * convention, every record component typed {@code Object} (it binds whatever YAML holds).
 */
final class IneffectiveKeys {
    private IneffectiveKeys() {
    }

    /** The key paths under {@code path} that are written and have no effect, e.g. {@code config::scrape_configs[0]::kubernetes_sd_configs}. */
    static List<String> of(Record config, String path) {
        List<String> keys = new ArrayList<>();
        collect(config, path, keys);
        return keys;
    }

    private static void collect(Record record, String path, List<String> keys) {
        Map<String, Type> types = Binder.keyTypes(record.getClass());
        Binder.keyedValues(record).forEach((key, value) -> {
            String keyPath = path.isEmpty() ? key : path + "::" + key;
            if (types.get(key) == Object.class) {
                if (value != null) {
                    keys.add(keyPath);
                }
            } else if (value instanceof Record nested) {
                collect(nested, keyPath, keys);
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Record item) {
                        collect(item, keyPath + "[" + i + "]", keys);
                    }
                }
            }
        });
    }
}
