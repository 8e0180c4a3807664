package io.tributary.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The differences known to be harmless, read from the "Allowed differences" table of
 * docs/COMPATIBILITY.md (columns: scenario, path pattern, reason), so the document and the lab's
 * verdicts cannot drift apart. In a path pattern {@code *} matches any run of characters.
 */
final class AllowList {
    static final String HEADING = "## Allowed differences";
    private static final Pattern SECTION = Pattern.compile("^" + Pattern.quote(HEADING) + "$", Pattern.MULTILINE);

    record Entry(String scenario, Pattern path, String reason) {
        boolean allows(String scenarioName, Difference difference) {
            return scenario.equals(scenarioName) && path.matcher(difference.path()).matches();
        }
    }

    private final List<Entry> entries;

    AllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static AllowList read(Path document) throws IOException {
        return parse(Files.readString(document));
    }

    /** The table's rows; fails on a document without the section, so a renamed heading is noticed. */
    static AllowList parse(String markdown) {
        Matcher section = SECTION.matcher(markdown);
        if (!section.find()) {
            throw new IllegalArgumentException("no '" + HEADING + "' section");
        }
        List<Entry> entries = new ArrayList<>();
        int rows = 0;
        for (String line : markdown.substring(section.end()).split("\n")) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            // The header row, then the |---| separator row, then the entries.
            if (rows++ < 2) {
                continue;
            }
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
            if (cells.length != 3) {
                throw new IllegalArgumentException("allow-list row needs 3 cells (scenario, path pattern, reason): " + line);
            }
            entries.add(new Entry(unquote(cells[0]), glob(unquote(cells[1])), cells[2].strip()));
        }
        return new AllowList(entries);
    }

    boolean allows(String scenario, Difference difference) {
        return entries.stream().anyMatch(entry -> entry.allows(scenario, difference));
    }

    List<Entry> entries() {
        return entries;
    }

    private static String unquote(String cell) {
        String text = cell.strip();
        return text.length() >= 2 && text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
