package io.tributary.core.telemetry;

import java.util.function.Supplier;

/**
 * Registers its meters when first recorded to: otelcol's synchronous instruments show on
 * {@code /metrics} only once something was recorded (a size trigger that never fired has no line).
 */
final class OnFirstUse<T> implements Supplier<T> {
    private final Supplier<T> registration;
    private volatile T meters;

    OnFirstUse(Supplier<T> registration) {
        this.registration = registration;
    }

    @Override
    public T get() {
        T current = meters;
        if (current == null) {
            synchronized (this) {
                current = meters;
                if (current == null) {
                    current = registration.get();
                    meters = current;
                }
            }
        }
        return current;
    }
}
