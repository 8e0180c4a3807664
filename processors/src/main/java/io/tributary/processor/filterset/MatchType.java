package io.tributary.processor.filterset;

/** How a match section compares strings: {@code strict} equality or a {@code regexp} found anywhere in the string. */
public enum MatchType {
    STRICT,
    REGEXP
}
