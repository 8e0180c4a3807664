package io.tributary.processor.k8sattributes;

import io.tributary.config.Problems;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.k8sattributes.K8sAttributesConfig.FieldExtractConfig;
import io.tributary.processor.k8sattributes.K8sAttributesConfig.FieldFilterConfig;
import io.tributary.processor.k8sattributes.kube.FieldRule;
import io.tributary.processor.k8sattributes.kube.Filters;
import io.tributary.processor.k8sattributes.kube.PodIdentifier;
import io.tributary.processor.k8sattributes.kube.Rules;
import io.tributary.processor.kubernetes.ApiClients;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code k8s_attributes} processor (otelcol v0.148's name; its former name {@code k8sattributes}
 * is accepted too): adds the Kubernetes metadata of the pod each resource comes from, for every signal.
 */
public final class K8sAttributesProcessorFactory implements ProcessorFactory<K8sAttributesConfig> {
    private final UnaryOperator<String> env;

    public K8sAttributesProcessorFactory() {
        this(System::getenv);
    }

    /** @param env the environment the API server's address ({@code KUBERNETES_SERVICE_HOST}, {@code _PORT}) is read from */
    public K8sAttributesProcessorFactory(UnaryOperator<String> env) {
        this.env = env;
    }

    @Override
    public String type() {
        return "k8s_attributes";
    }

    @Override
    public List<String> aliases() {
        return List.of("k8sattributes");
    }

    @Override
    public Class<K8sAttributesConfig> configType() {
        return K8sAttributesConfig.class;
    }

    @Override
    public K8sAttributesConfig defaultConfig() {
        return K8sAttributesConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    /**
     * otelcol's config check of {@code node_from_env_var}, made here because the variable is read
     * from this factory's environment, as {@link #create} reads it.
     */
    @Override
    public void checkFor(Signal<?> signal, K8sAttributesConfig config) {
        String variable = config.filter().nodeFromEnvVar();
        Problems problems = new Problems();
        problems.when(!variable.isEmpty() && env.apply(variable) == null, "filter",
                "`node_from_env_var` is configured but envvar \"" + variable + "\" is not set");
        problems.throwIfAny();
    }

    @Override
    public Processor create(ComponentContext context, K8sAttributesConfig config, TracesConsumer next) {
        return Processor.of(create(context, config, Signal.TRACES, next));
    }

    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, K8sAttributesConfig config, Signal<D> signal,
            SignalConsumer<D> next) {
        return new K8sAttributesProcessor<>(context, signal, next, config, rules(config), filters(config),
                () -> ApiClients.create(config.authType(), config.context(), env));
    }

    static Rules rules(K8sAttributesConfig config) {
        List<List<PodIdentifier.Part>> associations = config.podAssociation().stream()
                .map(association -> association.sources().stream()
                        .map(source -> source.from().equals(PodIdentifier.CONNECTION)
                                ? new PodIdentifier.Part(PodIdentifier.CONNECTION, "", "")
                                : new PodIdentifier.Part(source.from(), source.name(), ""))
                        .toList())
                .toList();
        List<GoRegex> excluded = (config.exclude().pods().isEmpty() ? K8sAttributesConfig.ExcludeConfig.DEFAULT : config.exclude())
                .pods().stream().map(pod -> GoRegex.compile(pod.name())).toList();
        return new Rules(Set.copyOf(config.extract().metadata()), fieldRules(config.extract().labels()),
                Rules.withOtelAnnotations(fieldRules(config.extract().annotations()), config.extract().otelAnnotations()),
                config.extract().deploymentNameFromReplicaSet(), associations, excluded);
    }

    private static List<FieldRule> fieldRules(List<FieldExtractConfig> fields) {
        return fields.stream().map(f -> FieldRule.of(f.tagName(), f.key(), f.keyRegex(), f.from())).toList();
    }

    private Filters filters(K8sAttributesConfig config) {
        return new Filters(config.filter().namespace(), config.filter().effectiveNode(env), terms(config.filter().labels()),
                terms(config.filter().fields()));
    }

    private static List<Filters.Term> terms(List<FieldFilterConfig> filters) {
        return filters.stream().map(f -> new Filters.Term(f.key(), f.value(), f.op())).toList();
    }
}
