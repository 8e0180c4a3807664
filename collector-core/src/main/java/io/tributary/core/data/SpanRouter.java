package io.tributary.core.data;

/**
 * Says which part each resource entry or span of encoded traces goes to, for
 * {@link Traces#route}. Ranges are [from, to) of {@code buf}: a {@code ResourceSpans} message, or
 * a {@code Span} message; read them with the {@code io.tributary.core.data.wire} package.
 *
 * @param <K> what names a part
 */
public interface SpanRouter<K> {
    /** The part the whole resource entry goes to, or null to route each of its spans by {@link #span}. */
    K resource(byte[] buf, int from, int to);

    /**
     * A scope entry ({@code ScopeSpans}) of a resource routed span by span, told before its spans,
     * for a router whose span keys depend on their scope.
     */
    default void scope(byte[] buf, int from, int to) {
    }

    K span(byte[] buf, int from, int to);
}
