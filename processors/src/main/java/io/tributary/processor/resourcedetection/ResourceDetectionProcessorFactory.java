package io.tributary.processor.resourcedetection;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.util.List;
import java.util.Set;

/**
 * The {@code resourcedetection} processor: finds attributes of where the collector runs (its
 * environment, host, cloud instance, Kubernetes node) once at start, and adds them to every
 * resource of any signal.
 */
public final class ResourceDetectionProcessorFactory implements ProcessorFactory<ResourceDetectionConfig> {
    private final Surroundings surroundings;

    public ResourceDetectionProcessorFactory() {
        this(Surroundings.real());
    }

    ResourceDetectionProcessorFactory(Surroundings surroundings) {
        this.surroundings = surroundings;
    }

    @Override
    public String type() {
        return "resourcedetection";
    }

    @Override
    public Class<ResourceDetectionConfig> configType() {
        return ResourceDetectionConfig.class;
    }

    @Override
    public ResourceDetectionConfig defaultConfig() {
        return ResourceDetectionConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    @Override
    public Processor create(ComponentContext context, ResourceDetectionConfig config, TracesConsumer next) {
        return Processor.of(create(context, config, Signal.TRACES, next));
    }

    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, ResourceDetectionConfig config,
            Signal<D> signal, SignalConsumer<D> next) {
        List<Detection.Named> detectors = config.detectors().stream()
                .map(type -> new Detection.Named(type, detector(type, config)))
                .toList();
        return new ResourceDetectionProcessor<>(context, signal, next, new Detection(detectors, config.timeout(), context.workers()),
                config.override(), config.refreshInterval());
    }

    /** A detector as otelcol creates it: some refuse to be created where they cannot work (k8snode without its node name). */
    private Detector detector(String type, ResourceDetectionConfig config) {
        return switch (type) {
            case EnvDetector.TYPE -> new EnvDetector(surroundings.env());
            case SystemDetector.TYPE -> new SystemDetector(config.system());
            case Ec2Detector.TYPE -> new Ec2Detector(config.ec2(), surroundings);
            case EcsDetector.TYPE -> new EcsDetector(config.ecs(), surroundings);
            case EksDetector.TYPE -> new EksDetector(config.eks(), surroundings);
            case GcpDetector.TYPE -> new GcpDetector(config.gcp(), surroundings);
            case AzureDetector.TYPE -> new AzureDetector(config.azure(), surroundings);
            case K8sNodeDetector.TYPE -> new K8sNodeDetector(config.k8snode(), surroundings);
            default -> throw new IllegalArgumentException("invalid detector key: " + type);
        };
    }
}
