package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/** Finds the attributes of one kind of resource (a cloud's instance, the host, the environment). */
interface Detector extends AutoCloseable {
    /**
     * @return the attributes found, empty when there are none
     * @throws PlatformAbsentException when the platform this detector knows is not where the collector runs
     * @throws Exception               any other failure, retried until the deadline
     */
    List<KeyValue> detect(Deadline deadline) throws Exception;

    /** Releases what the detector holds (a Kubernetes client); most hold nothing. */
    @Override
    default void close() {
    }
}
