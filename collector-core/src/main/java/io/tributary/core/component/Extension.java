package io.tributary.core.component;

/** A component outside pipelines (health_check, storage). */
public interface Extension extends Component {
    /** Told by the service when every pipeline is running ({@code true}) or stopping ({@code false}). */
    default void pipelinesReady(boolean ready) {
    }
}
