package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigLoader;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code validate} finds an {@code auth::authenticator} that names no running extension, at its key path and line. */
class AuthReferencesTest {
    private static List<ConfigError> validate(String extensions, String serviceExtensions) {
        return Service.validate(ConfigLoader.parse("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: localhost:0
                        auth:
                          authenticator: bearertokenauth
                exporters:
                  otlp:
                    endpoint: localhost:4317
                    auth: {authenticator: basicauth/client}
                extensions:
                %s
                service:
                  extensions: %s
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp]
                """.formatted(extensions.indent(2), serviceExtensions), "auth.yaml", k -> null), Components.discover());
    }

    @Test
    void undefinedAuthenticatorsAreConfigErrorsAtTheirKeys() {
        assertThat(validate("health_check:", "[health_check]")).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                "auth.yaml:7: receivers::otlp::protocols::grpc::auth::authenticator: references extension 'bearertokenauth'"
                        + " which is not defined under 'extensions'",
                "auth.yaml:11: exporters::otlp::auth::authenticator: references extension 'basicauth/client'"
                        + " which is not defined under 'extensions'");
    }

    @Test
    void authenticatorsMissingFromServiceExtensionsAreConfigErrors() {
        assertThat(validate("bearertokenauth: {token: t}\nbasicauth/client: {client_auth: {username: u, password: p}}", "[]"))
                .extracting(ConfigError::toString)
                .allSatisfy(error -> assertThat(error).contains("which is not listed in service::extensions"))
                .hasSize(2);
    }

    @Test
    void runningAuthenticatorsValidate() {
        assertThat(validate("bearertokenauth: {token: t}\nbasicauth/client: {client_auth: {username: u, password: p}}",
                "[bearertokenauth, basicauth/client]")).isEmpty();
    }
}
