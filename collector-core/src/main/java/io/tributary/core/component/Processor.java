package io.tributary.core.component;

import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import java.net.InetSocketAddress;
import java.util.Map;

/** A {@link SignalProcessor} of traces, the kind most processors are. */
public interface Processor extends SignalProcessor<Traces>, TracesConsumer {
    /**
     * {@code processor} itself when it is a {@code Processor} already, else one passing every call
     * to it: what a factory of several signals, whose processor class is generic in the signal,
     * returns for a traces pipeline.
     */
    static Processor of(SignalProcessor<Traces> processor) {
        if (processor instanceof Processor traces) {
            return traces;
        }
        return new Processor() {
            @Override
            public void consume(Traces traces) {
                processor.consume(traces);
            }

            @Override
            public void start(Host host) throws Exception {
                processor.start(host);
            }

            @Override
            public void shutdown() {
                processor.shutdown();
            }

            @Override
            public Map<String, InetSocketAddress> addresses() {
                return processor.addresses();
            }

            @Override
            public String toString() {
                return processor.toString();
            }
        };
    }
}
