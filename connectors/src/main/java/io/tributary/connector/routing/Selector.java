package io.tributary.connector.routing;

import com.google.protobuf.Message;
import io.tributary.core.client.ClientInfo;
import java.util.List;

/** What a route selects of a batch. */
@FunctionalInterface
interface Selector<E extends Message> {
    /**
     * Adds to {@code taken} what the route selects of the entries {@code left} (whole entries, or
     * parts it cuts out of them); unless it copies, also takes that out of {@code left}.
     *
     * @param client who sent the batch
     * @throws io.tributary.processor.ottl.OttlEvaluationException when a {@code propagate} condition fails
     */
    void select(List<Entry<E>> left, List<Entry<E>> taken, boolean copy, ClientInfo client);
}
