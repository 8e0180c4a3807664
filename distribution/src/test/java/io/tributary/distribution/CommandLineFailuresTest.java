package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code tributary} prints and returns when something goes wrong: one line, never a stack trace. */
class CommandLineFailuresTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validateWithoutAConfigSaysOneIsNeededAndFails() {
        Result result = run("validate");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("tributary: at least one config flag must be provided" + System.lineSeparator());
    }

    @Test
    void aBrokenServicesEntryIsOneLineAndExitOne() throws IOException {
        Path services = dir.resolve("META-INF/services/io.tributary.core.component.ProcessorFactory");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "com.example.NoSuchProcessorFactory\n");
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, original)) {
            thread.setContextClassLoader(loader);
            Result components = run("components");
            Result validate = run("validate", "--config", write("receivers: {}\n"));

            for (Result result : new Result[] {components, validate}) {
                assertThat(result.exit()).isEqualTo(1);
                assertThat(result.err().lines()).singleElement().asString()
                        .startsWith("tributary: ")
                        .contains("com.example.NoSuchProcessorFactory not found");
            }
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void aBadSetIsReportedAgainstTheSetNotTheFile() throws IOException {
        String config = write("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                processors:
                  batch:
                exporters:
                  debug:
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [debug]
                """);

        Result result = run("validate", "--config", config, "--set", "processors::batch::timeout=fast",
                "--set", "processors::batch::send_batch_size=-5");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly(
                "--set processors::batch::timeout=fast: processors::batch::timeout: invalid duration 'fast': "
                        + "expected a number with a unit, e.g. 5s",
                "--set processors::batch::send_batch_size=-5: processors::batch::send_batch_size: must not be negative");
    }

    private String write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml).toString();
    }
}
