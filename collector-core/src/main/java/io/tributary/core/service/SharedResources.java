package io.tributary.core.service;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.core.net.EventLoops;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the service owns and every component shares: one Netty event-loop group for all
 * servers and clients (epoll where available, see {@link EventLoops}), a bounded worker pool for work that may block (a full queue makes the
 * caller see {@link java.util.concurrent.RejectedExecutionException}, which receivers turn into
 * back-pressure), and one timer thread.
 */
final class SharedResources implements AutoCloseable {
    private static final int WORKER_QUEUE = 1000;
    private static final long DRAIN_SECONDS = 5;

    final EventLoopGroup eventLoops;
    final ThreadPoolExecutor workers;
    final ScheduledExecutorService scheduler;
    final Clock clock = Clock.systemUTC();

    SharedResources() {
        eventLoops = EventLoops.newGroup(new DefaultThreadFactory("tributary-io", true));
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORKER_QUEUE), numbered("tributary-worker-"), new ThreadPoolExecutor.AbortPolicy());
        workers.allowCoreThreadTimeOut(true);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "tributary-timer"));
    }

    private static ThreadFactory numbered(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> daemon(runnable, prefix + next.incrementAndGet());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Lets running work finish (bounded), then stops every thread. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        eventLoops.shutdownGracefully(0, DRAIN_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
