package io.tributary.processor.k8sattributes.kube;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Completes once an informer's event handler has handled every object of its first list, as
 * client-go's handler registration reports synced: fabric8's {@code start()} completes when the
 * cache is filled, while its handlers run later on another thread.
 */
final class InitialSync {
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The keys handled before the list was known. */
    private Set<String> handledEarly = new HashSet<>();
    /** The listed keys not handled yet; null until the list is known. */
    private Set<String> waitingFor;

    CompletableFuture<Void> done() {
        return done;
    }

    synchronized void handled(String key) {
        if (done.isDone()) {
            return;
        }
        if (waitingFor == null) {
            handledEarly.add(key);
        } else if (waitingFor.remove(key) && waitingFor.isEmpty()) {
            finish();
        }
    }

    /** The keys of the first list, when the cache holds it. */
    synchronized void listed(Collection<String> keys) {
        waitingFor = new HashSet<>(keys);
        waitingFor.removeAll(handledEarly);
        if (waitingFor.isEmpty()) {
            finish();
        }
    }

    synchronized void failed(Throwable failure) {
        done.completeExceptionally(failure);
    }

    private void finish() {
        handledEarly = null;
        waitingFor = null;
        done.complete(null);
    }
}
