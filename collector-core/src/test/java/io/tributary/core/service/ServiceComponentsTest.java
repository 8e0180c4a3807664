package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.Kind;
import io.tributary.extension.healthcheck.HealthCheckFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceComponentsTest {
    private final TestComponents components = new TestComponents();

    @Test
    void findsByTypeAndAliasWithinAKind() {
        Components registry = components.registry();

        assertThat(registry.find(Kind.RECEIVER, "push")).isPresent();
        assertThat(registry.find(Kind.RECEIVER, "push_alias")).containsSame(registry.find(Kind.RECEIVER, "push").orElseThrow());
        assertThat(registry.find(Kind.EXPORTER, "push")).isEmpty();
    }

    @Test
    void listsAKindSortedByType() {
        Components registry = components.registry(new HealthCheckFactory());

        assertThat(registry.of(Kind.EXTENSION)).map(ComponentFactory::type).containsExactly("health_check", "watch");
    }

    @Test
    void twoFactoriesWithOneTypeAreRefused() {
        assertThatThrownBy(() -> Components.of(List.of(new HealthCheckFactory(), new HealthCheckFactory())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'health_check'");
    }

    @Test
    void discoversFactoriesOnTheClassPath() {
        assertThat(Components.discover().find(Kind.EXTENSION, "health_check")).containsInstanceOf(HealthCheckFactory.class);
    }
}
