package io.tributary.compat;

import io.tributary.testkit.TestCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every config of the distribution's corpus gets the same verdict (valid or invalid) from
 * {@code otelcol validate} and {@code tributary validate}. Only a config naming a component
 * type this otelcol build lacks is skipped, with a note. Where otelcol's verdict contradicts the
 * file's own {@code # expect-error:} header, that is noted too: the corpus claims to hold
 * otelcol's verdicts.
 */
final class ConfigVerdictsScenario implements Scenario {
    private static final String EXPECT_ERROR = "# expect-error:";
    /** How otelcol names a component type it was not built with. */
    /** otelcol repeats its error as a log line, which ends the part worth showing. */
    private static final Pattern LOG_LINE = Pattern.compile("\\d{4}/\\d\\d/\\d\\d ");
    private static final int MAX_ERROR_LENGTH = 400;
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("'(\\w+)' unknown type: \"([\\w/]+)\"");

    @Override
    public String name() {
        return "config-verdicts";
    }

    @Override
    public Outcome run(Lab lab) throws Exception {
        Path corpus = lab.root().resolve("distribution/src/test/resources/corpus");
        Path dir = lab.directory(name(), "files");
        Map<String, String> env = Map.of("CORPUS_DIR", prepareReferencedFiles(dir).toString());
        List<Difference> differences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int compared = 0;
        for (Path file : yamlFiles(corpus)) {
            String name = file.getFileName().toString();
            List<String> args = List.of("validate", "--config", file.toString());
            Lab.CommandResult otelcol = lab.runCommand(Implementation.OTELCOL, dir, env, args);
            Matcher unknown = UNKNOWN_TYPE.matcher(otelcol.output());
            if (otelcol.exitCode() != 0 && unknown.find()) {
                notes.add("skipped " + name + ": this otelcol build has no " + unknown.group(1) + " type " + unknown.group(2));
                continue;
            }
            compared++;
            Lab.CommandResult tributary = lab.runCommand(Implementation.TRIBUTARY, dir, env, args);
            boolean expectsError = Files.readString(file).startsWith(EXPECT_ERROR);
            if ((otelcol.exitCode() != 0) != expectsError) {
                notes.add("corpus header disagrees with otelcol: otelcol finds " + name + (otelcol.exitCode() == 0 ? " valid" : " invalid"));
            }
            if ((otelcol.exitCode() == 0) != (tributary.exitCode() == 0)) {
                differences.add(new Difference("[" + name + "]", verdict(otelcol, file), verdict(tributary, file)));
            }
        }
        notes.add(compared + " configs compared");
        return new Outcome(differences, notes);
    }

    private static List<Path> yamlFiles(Path corpus) throws Exception {
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The files that corpus configs name under {@code ${env:CORPUS_DIR}}, as ConfigCorpusTest makes them. */
    private static Path prepareReferencedFiles(Path dir) throws Exception {
        TestCertificate.create(dir);
        Files.writeString(dir.resolve("token.txt"), "corpus-token\n");
        Files.writeString(dir.resolve("username.txt"), "corpus");
        Files.writeString(dir.resolve("password.txt"), "secret");
        Files.writeString(dir.resolve("htpasswd"), "corpus:secret\n");
        return dir;
    }

    /** "valid", or "invalid" with what the command printed about it (otelcol's error chain spans lines). */
    private static String verdict(Lab.CommandResult result, Path file) {
        if (result.exitCode() == 0) {
            return "valid";
        }
        String error = result.output().lines()
                .takeWhile(line -> !LOG_LINE.matcher(line).lookingAt())
                .map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" ")).replace(file.getParent() + "/", "");
        return "invalid (" + (error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) + "..." : error) + ")";
    }
}
