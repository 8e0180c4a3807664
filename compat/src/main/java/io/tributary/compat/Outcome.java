package io.tributary.compat;

import java.util.List;

/** What a scenario found: the differences, and notes such as the cases it skipped and why. */
record Outcome(List<Difference> differences, List<String> notes) {
    Outcome {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }
}
