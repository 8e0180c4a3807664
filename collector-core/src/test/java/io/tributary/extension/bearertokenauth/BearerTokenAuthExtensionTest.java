package io.tributary.extension.bearertokenauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;
import io.tributary.core.net.auth.AuthenticationException;
import io.tributary.core.net.auth.ClientAuthenticator;
import io.tributary.core.net.auth.ServerAuthenticator;
import io.tributary.core.telemetry.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenAuthExtensionTest {
    private final ManualPolls scheduler = new ManualPolls();
    private Extension extension;

    @AfterEach
    void close() throws Exception {
        if (extension != null) {
            extension.shutdown();
        }
        scheduler.shutdownNow();
    }

    static BearerTokenAuthConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "extensions::bearertokenauth",
                BearerTokenAuthConfig.class, BearerTokenAuthConfig.DEFAULT);
    }

    private Extension start(String yaml) throws Exception {
        ComponentContext context = new ComponentContext(ComponentId.parse("bearertokenauth"), Telemetry.noop(), null, null,
                scheduler, Clock.systemUTC());
        extension = new BearerTokenAuthFactory().create(context, config(yaml));
        extension.start(id -> Optional.empty());
        return extension;
    }

    private static ServerAuthenticator.Headers header(String name, String value) {
        return n -> n.equalsIgnoreCase(name) ? value : null;
    }

    @Test
    void acceptsTheTokenAfterTheBearerScheme() throws Exception {
        ServerAuthenticator server = (ServerAuthenticator) start("token: s3cret");

        server.authenticate(header("authorization", "Bearer s3cret"));
    }

    @Test
    void refusesAWrongTokenAMissingSchemeAndAMissingHeader() throws Exception {
        ServerAuthenticator server = (ServerAuthenticator) start("token: s3cret");

        assertThatThrownBy(() -> server.authenticate(header("authorization", "Bearer wrong")))
                .isInstanceOf(AuthenticationException.class).hasMessage("scheme or token does not match");
        assertThatThrownBy(() -> server.authenticate(header("authorization", "s3cret")))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> server.authenticate(header("x-other", "Bearer s3cret")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("missing or empty authorization header");
    }

    @Test
    void acceptsAnyOfSeveralTokensAndSendsTheFirst() throws Exception {
        Extension ext = start("""
                tokens: [first, second]
                """);

        ((ServerAuthenticator) ext).authenticate(header("Authorization", "Bearer second"));
        assertThat(((ClientAuthenticator) ext).headers()).containsExactly(Map.entry("Authorization", "Bearer first"));
    }

    @Test
    void customHeaderAndEmptySchemeCarryTheBareToken() throws Exception {
        Extension ext = start("""
                header: X-Api-Key
                scheme: ""
                token: k
                """);

        ((ServerAuthenticator) ext).authenticate(header("x-api-key", "k"));
        assertThat(((ClientAuthenticator) ext).headers()).containsExactly(Map.entry("X-Api-Key", "k"));
    }

    @Test
    void tokenFileIsFollowedWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "old\n");
        Extension ext = start("filename: " + file + "\ntoken: ignored");
        ServerAuthenticator server = (ServerAuthenticator) ext;
        server.authenticate(header("authorization", "Bearer old"));

        Files.writeString(file, "new\n");
        scheduler.runPolls();

        server.authenticate(header("authorization", "Bearer new"));
        assertThatThrownBy(() -> server.authenticate(header("authorization", "Bearer old"))).isInstanceOf(AuthenticationException.class);
        assertThat(((ClientAuthenticator) ext).headers()).containsEntry("Authorization", "Bearer new");
    }

    @Test
    void aTrailingNewlineInTheFileDoesNotMakeABareSchemeValid(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "one\n\ntwo\n");
        ServerAuthenticator server = (ServerAuthenticator) start("filename: " + file);

        server.authenticate(header("authorization", "Bearer two"));
        assertThatThrownBy(() -> server.authenticate(header("authorization", "Bearer "))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anUnreadableTokenFileFailsStart(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> start("filename: " + dir.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filename").hasMessageContaining("absent");
    }

    @Test
    void aConfigWithoutTokenOrWithBothTokenAndTokensIsAnError() throws Exception {
        assertThatThrownBy(() -> config("scheme: Bearer")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no bearer token provided");
        assertThatThrownBy(() -> config("token: a\ntokens: [b]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("either tokens or token");
    }

    @Test
    void factoryIsFoundByServiceLoader() throws Exception {
        @SuppressWarnings("rawtypes")
        ServiceLoader<ExtensionFactory> factories = ServiceLoader.load(ExtensionFactory.class);
        assertThat(factories.stream().map(p -> p.get().type())).contains("bearertokenauth", "basicauth");
    }
}
