package io.tributary.connector.servicegraph;

/**
 * One request between two services as far as its spans have arrived, as otelcol's store keeps
 * it. An empty service name means that side has not been seen: as in otelcol, a side whose
 * {@code service.name} is the empty string never completes the edge.
 */
final class Edge {
    static final String UNSET = "";
    static final String MESSAGING_SYSTEM = "messaging_system";
    static final String DATABASE = "database";
    static final String VIRTUAL_NODE = "virtual_node";

    final EdgeKey key;
    /** Epoch nanoseconds after which the edge has expired. */
    final long expiresAt;
    String connectionType = UNSET;
    String clientService = "";
    String serverService = "";
    double clientLatencySeconds;
    double serverLatencySeconds;
    boolean failed;
    /** Each configured dimension's value from the client side, by its index; null where the span had none. */
    final String[] clientDimensions;
    final String[] serverDimensions;
    /** The client span's value of the highest-priority peer attribute it had, or null. */
    String peer;
    /** The index of {@link #peer}'s attribute among the peer attributes. */
    int peerPriority = Integer.MAX_VALUE;
    /** The {@code virtual_node} label's value: which side is uninstrumented, or "". */
    String virtualNode = "";

    Edge(EdgeKey key, long expiresAt, int dimensions) {
        this.key = key;
        this.expiresAt = expiresAt;
        this.clientDimensions = new String[dimensions];
        this.serverDimensions = new String[dimensions];
    }

    boolean isComplete() {
        return !clientService.isEmpty() && !serverService.isEmpty();
    }

    /**
     * Notes the client span's value of the peer attribute of this priority. otelcol keeps one
     * value per attribute and later picks the highest-priority one, so a higher-priority value
     * replaces the one held, and one of the same attribute overwrites it.
     */
    void peer(int priority, String value) {
        if (priority <= peerPriority) {
            peerPriority = priority;
            peer = value;
        }
    }
}
