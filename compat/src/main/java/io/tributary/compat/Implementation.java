package io.tributary.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The two collectors under comparison, otelcol being the reference. */
enum Implementation {
    OTELCOL,
    TRIBUTARY;

    /** The command line that runs this collector with {@code args} (e.g. {@code --config F}, or {@code validate --config F}). */
    List<String> command(Lab lab, List<String> args) {
        List<String> command = new ArrayList<>();
        if (this == OTELCOL) {
            command.add(lab.otelcol().toString());
        } else {
            command.addAll(List.of(lab.java().toString(), "-jar", lab.tributaryJar().toString()));
        }
        command.addAll(args);
        return command;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
