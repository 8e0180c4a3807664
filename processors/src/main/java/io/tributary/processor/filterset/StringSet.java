package io.tributary.processor.filterset;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** otelcol's FilterSet: a string matches when it equals ({@code strict}) or contains a match of ({@code regexp}) any entry. */
public interface StringSet {
    boolean matches(String text);

    /** @throws IllegalArgumentException when a regexp does not compile */
    static StringSet of(List<String> entries, MatchType type) {
        Set<String> distinct = new LinkedHashSet<>(entries);
        if (type == MatchType.STRICT) {
            return distinct::contains;
        }
        List<GoRegex> regexes = distinct.stream().map(GoRegex::compile).toList();
        return text -> {
            for (GoRegex regex : regexes) {
                if (regex.matches(text)) {
                    return true;
                }
            }
            return false;
        };
    }
}
