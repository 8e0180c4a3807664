package io.tributary.processor.resourcedetection;

import io.tributary.config.Problems;
import io.tributary.processor.filterset.GoRegex;
import java.util.ArrayList;
import java.util.List;

/** The regular expressions a detector selects tags or labels by (Go syntax, matching anywhere in the key). */
final class KeyPatterns {
    private final List<GoRegex> patterns;

    private KeyPatterns(List<GoRegex> patterns) {
        this.patterns = patterns;
    }

    /** @throws Problems.Invalid at {@code key} naming each expression that does not compile */
    static KeyPatterns compile(String key, List<String> expressions) {
        List<GoRegex> patterns = new ArrayList<>();
        Problems problems = new Problems();
        for (String expression : expressions) {
            try {
                patterns.add(GoRegex.compile(expression));
            } catch (IllegalArgumentException e) {
                problems.add(key, e.getMessage());
            }
        }
        problems.throwIfAny();
        return new KeyPatterns(List.copyOf(patterns));
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean selects(String tagKey) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(tagKey));
    }
}
