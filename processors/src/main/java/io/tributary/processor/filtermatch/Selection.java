package io.tributary.processor.filtermatch;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Problems;
import io.tributary.core.data.Signal;
import java.util.function.Function;

/**
 * The items of one signal that {@code include} and {@code exclude} select (otelcol's skip
 * expressions, inverted): an item is selected when it matches {@code include} (or there is none)
 * and does not match {@code exclude}; include is checked first. Items are spans, log records or
 * metrics; patterns are compiled once, here. Immutable and thread-safe.
 *
 * @param <T> the signal's item message
 */
public final class Selection<T extends Message> {
    private final Parser<T> items;
    private final ItemMatcher<T> include;
    private final ItemMatcher<T> exclude;

    private Selection(Parser<T> items, ItemMatcher<T> include, ItemMatcher<T> exclude) {
        this.items = items;
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * The spans that pass the sections (each may be null).
     *
     * @throws IllegalArgumentException for a regexp that does not compile or a regexp attribute
     *                                  value that is not a string, prefixed with its section
     */
    public static Selection<Span> spans(MatchProperties include, MatchProperties exclude) {
        return new Selection<>(Span.parser(), compile("include", include, SpanMatcher::new), compile("exclude", exclude, SpanMatcher::new));
    }

    /** As {@link #spans}, for log records. */
    public static Selection<LogRecord> logs(MatchProperties include, MatchProperties exclude) {
        return new Selection<>(LogRecord.parser(), compile("include", include, LogMatcher::new), compile("exclude", exclude, LogMatcher::new));
    }

    /** As {@link #spans}, for metrics, by name only (see {@link MetricMatcher}). */
    public static Selection<Metric> metrics(MatchProperties include, MatchProperties exclude) {
        return new Selection<>(Metric.parser(), compile("include", include, MetricMatcher::of),
                compile("exclude", exclude, MetricMatcher::of));
    }

    /** The selection of the items of {@code signal}. */
    public static Selection<?> of(Signal<?> signal, MatchProperties include, MatchProperties exclude) {
        if (signal == Signal.TRACES) {
            return spans(include, exclude);
        }
        return signal == Signal.LOGS ? logs(include, exclude) : metrics(include, exclude);
    }

    /**
     * What otelcol's factory refuses in the sections when it creates a processor of
     * {@code signal}: keys of other signals, a section without keys of its signal, patterns that
     * do not compile; each reported at its section's key under {@code path} (e.g. {@code spans::}).
     *
     * @throws Problems.Invalid naming {@code path + "include"} or {@code path + "exclude"}
     */
    public static void check(Signal<?> signal, String path, MatchProperties include, MatchProperties exclude) {
        Problems problems = new Problems();
        check(signal, path + "include", include, problems);
        check(signal, path + "exclude", exclude, problems);
        problems.throwIfAny();
    }

    private static void check(Signal<?> signal, String key, MatchProperties section, Problems problems) {
        if (section == null) {
            return;
        }
        try {
            section.validateFor(signal);
            matcher(signal, section);
        } catch (IllegalArgumentException e) {
            problems.add(key, e.getMessage());
        }
    }

    private static ItemMatcher<?> matcher(Signal<?> signal, MatchProperties section) {
        if (signal == Signal.TRACES) {
            return new SpanMatcher(section);
        }
        return signal == Signal.LOGS ? new LogMatcher(section) : MetricMatcher.of(section);
    }

    private static <T> ItemMatcher<T> compile(String name, MatchProperties section, Function<MatchProperties, ItemMatcher<T>> matcher) {
        if (section == null) {
            return null;
        }
        try {
            return matcher.apply(section);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** True when the item passes {@code include} and {@code exclude}: the item to act on, or to keep. */
    public boolean selects(Resource resource, InstrumentationScope scope, T item) {
        return (include == null || include.matches(resource, scope, item))
                && (exclude == null || !exclude.matches(resource, scope, item));
    }

    /** As {@link #selects}, for the item encoded in [from, to) of {@code buf}, which is decoded alone. */
    public boolean selects(Resource resource, InstrumentationScope scope, byte[] buf, int from, int to) {
        T item;
        try {
            item = items.parseFrom(buf, from, to - from);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("validated item bytes do not decode", e);
        }
        return selects(resource, scope, item);
    }
}
