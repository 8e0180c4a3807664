package io.tributary.processor.filter;

import io.tributary.processor.filtermatch.MatchProperties;

/**
 * The legacy {@code spans} section (otelcol's filterconfig.MatchConfig): spans that do not match
 * {@code include}, or that match {@code exclude}, are dropped; include is applied first.
 */
record SpansConfig(MatchProperties include, MatchProperties exclude) {
    static final SpansConfig DEFAULT = new SpansConfig(null, null);

    boolean isSet() {
        return include != null || exclude != null;
    }
}
