package io.tributary.processor.filterset;

/** How {@link MatchProperties} compare strings: {@code strict} equality or a {@code regexp} found anywhere in the string. */
public enum MatchType {
    STRICT,
    REGEXP
}
