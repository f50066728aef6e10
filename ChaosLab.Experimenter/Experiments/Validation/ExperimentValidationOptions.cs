namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>The policy <c>chaoslab validate</c> applies beyond the Chaos Mesh schemas (configurable).</summary>
public sealed record ExperimentValidationOptions
{
    /// <summary>Namespaces no experiment may target by default: Kubernetes' own, Chaos Mesh's and the lab's.</summary>
    public static IReadOnlyList<string> DefaultProtectedNamespaces { get; } =
        ["kube-system", "kube-public", "kube-node-lease", "chaos-mesh", "chaoslab"];

    /// <summary>Namespaces that experiments may not target (object namespace, selectors, flag ConfigMap).</summary>
    public IReadOnlyList<string> ProtectedNamespaces { get; init; } = DefaultProtectedNamespaces;

    /// <summary>The most pods one fault may affect (the blast radius); experiments may only lower it.</summary>
    public int MaxPodsAffected { get; init; } = 5;

    /// <summary>Namespace for bare Chaos Mesh manifests that name none (the demo's namespace).</summary>
    public string DefaultNamespace { get; init; } = "astronomy-shop";

    /// <summary>The defaults.</summary>
    public static ExperimentValidationOptions Default { get; } = new();
}
