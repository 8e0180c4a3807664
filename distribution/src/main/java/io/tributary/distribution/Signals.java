package io.tributary.distribution;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Runs the shutdown action on SIGTERM or SIGINT. Handling the signals ourselves (instead of a
 * shutdown hook alone) lets the process exit 0 after a clean drain, as otelcol does; the JVM
 * would otherwise exit 143/130. A shutdown hook still covers other exits.
 */
final class Signals {
    private Signals() {
    }

    static void onTermination(Runnable action) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                action.run();
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> new Thread(once, "tributary-shutdown").start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(once, "tributary-shutdown-hook"));
    }
}
