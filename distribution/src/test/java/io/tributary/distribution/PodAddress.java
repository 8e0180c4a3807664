package io.tributary.distribution;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pod IP ({@code MY_POD_IP}) the Helm chart's configs listen on, at the chart's fixed ports:
 * a loopback address of its own per test JVM (Linux routes all of 127.0.0.0/8 to the loopback
 * interface), so that those fixed ports are free whatever else on the machine listens on
 * 127.0.0.1 — another collector on its default :8888 and :4317, say — and the configs run
 * unchanged.
 */
final class PodAddress {
    static final String IP = "127.%d.%d.%d".formatted(ThreadLocalRandom.current().nextInt(1, 255),
            ThreadLocalRandom.current().nextInt(0, 256), ThreadLocalRandom.current().nextInt(1, 255));

    private PodAddress() {
    }
}
