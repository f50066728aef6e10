using System.Globalization;

namespace ChaosLab.Experimenter.Experiments.Safety;

/// <summary>
/// The operator's safety limits, from one source for validation and run time alike: the protected
/// namespaces and the most pods one fault may affect (configuration <c>Lab:Runner:ProtectedNamespaces:0..n</c>,
/// added to the defaults, and <c>Lab:Runner:MaxPodsAffected</c>; on the command line
/// <c>--protected-namespace</c> and <c>--max-pods</c>).
/// </summary>
public sealed record SafetyLimits
{
    /// <summary>The configuration section the limits are read from.</summary>
    public const string Section = "Lab:Runner";

    /// <summary>The key of the operator's blast-radius limit.</summary>
    public const string MaxPodsKey = Section + ":MaxPodsAffected";

    /// <summary>The section of extra protected namespaces.</summary>
    public const string ProtectedNamespacesKey = Section + ":ProtectedNamespaces";

    /// <summary>Namespaces no experiment may touch: Kubernetes' own, Chaos Mesh's and the lab's.</summary>
    public static IReadOnlyList<string> DefaultProtectedNamespaces { get; } =
        ["kube-system", "kube-public", "kube-node-lease", "chaos-mesh", "chaoslab"];

    /// <summary>The defaults (5 pods, the default protected namespaces).</summary>
    public static SafetyLimits Default { get; } = new();

    /// <summary>Namespaces no experiment may target or select in (always including the defaults).</summary>
    public IReadOnlyList<string> ProtectedNamespaces { get; init; } = DefaultProtectedNamespaces;

    /// <summary>The most pods one fault may affect; an experiment's <c>guardrails.maxPodsAffected</c> may only lower it.</summary>
    public int MaxPodsAffected { get; init; } = 5;

    /// <summary>Reads the limits; a malformed value throws <see cref="ArgumentException"/> naming the key.</summary>
    public static SafetyLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var extra = configuration.GetSection(ProtectedNamespacesKey).GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0);
        var maxPods = configuration[MaxPodsKey];
        return Default with
        {
            ProtectedNamespaces = [.. DefaultProtectedNamespaces.Union(extra, StringComparer.Ordinal)],
            MaxPodsAffected = string.IsNullOrWhiteSpace(maxPods)
                ? Default.MaxPodsAffected
                : int.TryParse(maxPods, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                    ? n
                    : throw new ArgumentException($"{MaxPodsKey}: '{maxPods}' is not allowed; expected a whole number of pods, 1 or more"),
        };
    }

    /// <summary>True when <paramref name="namespace"/> is protected.</summary>
    public bool IsProtected(string @namespace) => this.ProtectedNamespaces.Contains(@namespace, StringComparer.Ordinal);

    /// <summary>The refusal for a protected namespace.</summary>
    public string ProtectedMessage(string @namespace) =>
        $"namespace '{@namespace}' is protected: ChaosLab never injects faults there (protected: {string.Join(", ", this.ProtectedNamespaces)}; configurable with --protected-namespace or {ProtectedNamespacesKey})";

    /// <summary>The stricter of the operator's limit and the experiment's own <c>guardrails.maxPodsAffected</c>.</summary>
    public int EffectiveMaxPods(int? experimentMax) => Math.Min(this.MaxPodsAffected, experimentMax ?? int.MaxValue);
}
