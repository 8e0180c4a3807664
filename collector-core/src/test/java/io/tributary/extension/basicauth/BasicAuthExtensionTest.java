package io.tributary.extension.basicauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Extension;
import io.tributary.core.net.auth.AuthenticationException;
import io.tributary.core.net.auth.ClientAuthenticator;
import io.tributary.core.client.AuthData;
import io.tributary.core.net.auth.ServerAuthenticator;
import io.tributary.core.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicAuthExtensionTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Extension extension;

    @AfterEach
    void close() throws Exception {
        if (extension != null) {
            extension.shutdown();
        }
        scheduler.shutdownNow();
    }

    private static BasicAuthConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), "extensions::basicauth",
                BasicAuthConfig.class, BasicAuthConfig.DEFAULT);
    }

    private Extension start(String yaml) throws Exception {
        ComponentContext context = new ComponentContext(ComponentId.parse("basicauth"), Telemetry.noop(), null, null,
                scheduler, Clock.systemUTC());
        extension = new BasicAuthFactory().create(context, config(yaml));
        extension.start(id -> Optional.empty());
        return extension;
    }

    private static ServerAuthenticator.Headers basic(String user, String password) {
        String value = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return name -> name.equalsIgnoreCase("authorization") ? value : null;
    }

    /** Hashes of "secret" made by openssl passwd and libxcrypt, not by the libraries that check them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "secret",
        "{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=",
        "{SSHA}kAPDENraZpCp8E9I2mplNuqBbylzYWx0NA==",
        "$apr1$saltsalt$LrttParrLPdxvgutaSXWJ0",
        "$2b$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a",
        "$2y$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a",
        "$5$saltsalt$0IyaXrmV7.sGNS6tirgqHLqX/G.FBvgkYA.lpPdS5sA",
        "$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1"})
    void everyHtpasswdHashFormatOtelcolTakesIsChecked(String hash) throws Exception {
        ServerAuthenticator server = (ServerAuthenticator) start("htpasswd:\n  inline: |\n    alice:" + hash + "\n");

        server.authenticate(basic("alice", "secret"));
        assertThatThrownBy(() -> server.authenticate(basic("alice", "Secret"))).isInstanceOf(AuthenticationException.class)
                .hasMessage("invalid credentials");
    }

    @Test
    void anAcceptedRequestTellsItsUsernameAndRawCredentialsAsOtelcolsAuthData() throws Exception {
        ServerAuthenticator server = (ServerAuthenticator) start("htpasswd:\n  inline: \"alice:secret\"\n");

        AuthData auth = server.authenticate(basic("alice", "secret"));

        assertThat(auth.attribute("username")).isEqualTo("alice");
        assertThat(auth.attribute("raw")).isEqualTo(Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(auth.attribute("password")).isNull();
    }

    @Test
    void unknownUsersAndMalformedHeadersAreRefusedWithOtelcolsMessages() throws Exception {
        ServerAuthenticator server = (ServerAuthenticator) start("htpasswd:\n  inline: \"alice:secret\"\n");

        assertThatThrownBy(() -> server.authenticate(basic("bob", "secret"))).hasMessage("invalid credentials");
        assertThatThrownBy(() -> server.authenticate(name -> null)).hasMessage("no basic auth provided");
        assertThatThrownBy(() -> server.authenticate(name -> "Bearer x")).hasMessage("invalid authorization scheme prefix");
        assertThatThrownBy(() -> server.authenticate(name -> "Basic !!!")).hasMessage("invalid authorization format");
        String noColon = "Basic " + Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> server.authenticate(name -> noColon)).hasMessage("invalid authorization format");
    }

    @Test
    void inlineUsersOverrideTheFilesAndCommentsAreSkipped(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve(".htpasswd"), "# users\nalice:old\nbob:bobs\n");
        ServerAuthenticator server = (ServerAuthenticator) start(
                "htpasswd:\n  file: " + file + "\n  inline: \"alice:new\"\n");

        server.authenticate(basic("alice", "new"));
        server.authenticate(basic("bob", "bobs"));
        assertThatThrownBy(() -> server.authenticate(basic("alice", "old"))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void clientSendsBasicCredentials() throws Exception {
        ClientAuthenticator client = (ClientAuthenticator) start("client_auth:\n  username: alice\n  password: secret\n");

        assertThat(client.headers()).containsExactly(Map.entry("Authorization", "Basic YWxpY2U6c2VjcmV0"));
    }

    @Test
    void clientCredentialsFromFilesWinOverValues(@TempDir Path dir) throws Exception {
        Path user = Files.writeString(dir.resolve("user"), "alice\n");
        Path password = Files.writeString(dir.resolve("password"), "secret\n");
        ClientAuthenticator client = (ClientAuthenticator) start("client_auth:\n  username: x\n  password: y\n"
                + "  username_file: " + user + "\n  password_file: " + password + "\n");

        assertThat(client.headers()).containsExactly(Map.entry("Authorization", "Basic YWxpY2U6c2VjcmV0"));
    }

    @Test
    void aClientIsNotAServerAndTheOtherWayRound() throws Exception {
        assertThat(start("client_auth:\n  username: a\n  password: b\n")).isNotInstanceOf(ServerAuthenticator.class);
        extension.shutdown();
        assertThat(start("htpasswd:\n  inline: \"a:b\"\n")).isNotInstanceOf(ClientAuthenticator.class);
    }

    @Test
    void exactlyOneOfHtpasswdAndClientAuthMustBeSet() throws Exception {
        assertThatThrownBy(() -> config("{}")).isInstanceOf(ConfigException.class).hasMessageContaining("no credential source");
        assertThatThrownBy(() -> config("htpasswd: {inline: \"a:b\"}\nclient_auth: {username: a}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only one of");
        assertThatThrownBy(() -> config("htpasswd: {}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("extensions::basicauth::htpasswd");
        assertThatThrownBy(() -> config("client_auth: {username: \"a:b\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must not contain ':'");
    }
}
