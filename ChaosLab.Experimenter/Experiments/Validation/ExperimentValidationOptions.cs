using ChaosLab.Experimenter.Experiments.Safety;

namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>The policy validation applies beyond the Chaos Mesh schemas: the operator's <see cref="SafetyLimits"/>
/// (the same object the run-time check enforces) and the namespace of bare manifests.</summary>
public sealed record ExperimentValidationOptions
{
    /// <summary>Namespaces no experiment may target by default: Kubernetes' own, Chaos Mesh's and the lab's.</summary>
    public static IReadOnlyList<string> DefaultProtectedNamespaces => SafetyLimits.DefaultProtectedNamespaces;

    /// <summary>The operator's limits: protected namespaces and the most pods one fault may affect.</summary>
    public SafetyLimits Safety { get; init; } = SafetyLimits.Default;

    /// <summary>Namespaces that experiments may not target (object namespace, selectors, flag ConfigMap).</summary>
    public IReadOnlyList<string> ProtectedNamespaces => this.Safety.ProtectedNamespaces;

    /// <summary>The most pods one fault may affect (the blast radius); experiments may only lower it.</summary>
    public int MaxPodsAffected => this.Safety.MaxPodsAffected;

    /// <summary>Namespace for bare Chaos Mesh manifests that name none: the demo's namespace, where validation
    /// counts a selector's pods from the demo's manifests.</summary>
    public string DefaultNamespace { get; init; } = "astronomy-shop";

    /// <summary>The defaults.</summary>
    public static ExperimentValidationOptions Default { get; } = new();
}
