package io.tributary.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects what a config record's compact constructor finds wrong, so that one run of
 * {@code validate} lists every broken key instead of the first. {@link #throwIfAny()} throws
 * one {@link Invalid} carrying every problem; the {@link Binder} reports each at its key's path
 * and line.
 */
public final class Problems {
    /** What is wrong with the record's {@code key} (its YAML spelling). */
    public record Problem(String key, String message) {
        @Override
        public String toString() {
            return key + ": " + message;
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    /** Records that {@code key} is wrong when {@code broken} holds. */
    public void when(boolean broken, String key, String message) {
        if (broken) {
            add(key, message);
        }
    }

    public void add(String key, String message) {
        problems.add(new Problem(key, message));
    }

    /** @throws Invalid when anything was recorded */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
    }

    /** Several problems at once; its message lists them for callers that are not the binder. */
    public static final class Invalid extends IllegalArgumentException {
        private final List<Problem> problems;

        Invalid(List<Problem> problems) {
            super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}
