package io.tributary.processor.tailsampling;

import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * otelcol's {@code trace_state}: sampled when a span's W3C {@code tracestate} has {@code key}
 * with one of {@code values}. A tracestate that does not parse matches nothing; values that
 * could not fit a tracestate entry (key + value of 256 characters or more) are ignored.
 */
final class TraceStatePolicy implements Policy {
    private static final int TRACE_STATE = Schema.lengthDelimited(Schema.Span.TRACE_STATE);
    private static final int MAX_MEMBERS = 32;

    private final String key;
    private final Set<String> values = new HashSet<>();

    TraceStatePolicy(PolicyConfig.TraceState config) {
        this.key = config.key();
        for (String value : config.values()) {
            if (!value.isEmpty() && key.length() + value.length() < 256) {
                values.add(value);
            }
        }
    }

    @Override
    public Decision evaluate(TraceView trace) {
        return trace.anySpan((origin, data, from, to) -> {
            WireCursor in = new WireCursor(data, from, to);
            while (in.more()) {
                int tag = in.tag();
                if (tag == TRACE_STATE) {
                    int end = in.lengthEnd();
                    String value = get(new String(data, in.pos(), end - in.pos(), StandardCharsets.UTF_8), key);
                    return value != null && values.contains(value);
                }
                in.skip(tag);
            }
            return false;
        }) ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }

    /** The value of {@code key} in a W3C tracestate header, or null when absent or the header is malformed. */
    static String get(String traceState, String key) {
        if (traceState.isEmpty()) {
            return null;
        }
        String[] members = traceState.split(",", -1);
        if (members.length > MAX_MEMBERS) {
            return null;
        }
        String found = null;
        Set<String> seen = new HashSet<>();
        for (String member : members) {
            String entry = member.strip();
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1 || !seen.add(entry.substring(0, eq))) {
                return null;
            }
            if (entry.substring(0, eq).equals(key)) {
                found = entry.substring(eq + 1);
            }
        }
        return found;
    }
}
