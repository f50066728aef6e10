using ChaosLab.Experimenter.Experiments.Safety;
using ChaosLab.Experimenter.Kubernetes;

namespace ChaosLab.Experimenter.Running;

/// <summary>How the runner behaves (config section <c>Lab:Runner</c>); defaults are for a real cluster.</summary>
public sealed record ExperimentRunnerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lab:Runner";

    /// <summary>Where journals go.</summary>
    public string ResultsDirectory { get; init; } = "results";

    /// <summary>Prometheus base URL (config <c>Lab:Prometheus:Url</c>), recorded in journals for analysis.</summary>
    public Uri? PrometheusUrl { get; init; }

    /// <summary>How long the controller may take to select and inject after create.</summary>
    public TimeSpan InjectionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long cleanup may take (it runs even after cancellation).</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a deleted chaos object may take to disappear (Chaos Mesh recovers, then drops its finalizer).</summary>
    public TimeSpan DeleteWaitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The operator's safety limits (protected namespaces, most pods one fault may affect): the same
    /// object validation applies, enforced again against the live cluster in preflight.</summary>
    public SafetyLimits Safety { get; init; } = SafetyLimits.Default;

    /// <summary>Namespaces the runner refuses to act in (<see cref="SafetyLimits.ProtectedNamespaces"/>).</summary>
    public IReadOnlyList<string> ProtectedNamespaces => this.Safety.ProtectedNamespaces;

    /// <summary>How deletes are retried.</summary>
    public DeleteRetryOptions DeleteRetry { get; init; } = DeleteRetryOptions.Default;

    /// <summary>The namespace Lease (one fault at a time per namespace, across processes).</summary>
    public FaultLeaseOptions Lease { get; init; } = new();

    /// <summary>Where HTTP probes are really sent (<c>Lab:Runner:ProbeUrlMap</c>); none by default: URLs as written.</summary>
    public ProbeUrlMap ProbeUrlMap { get; init; } = ProbeUrlMap.None;

    /// <summary>How watches reconnect.</summary>
    public WatchOptions Watch { get; init; } = WatchOptions.Default;

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (this.InjectionTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{Section}:InjectionTimeout must be positive");
        }

        if (this.CleanupTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{Section}:CleanupTimeout must be positive");
        }

        if (this.DeleteRetry.MaxAttempts < 1)
        {
            throw new ArgumentException($"{Section}:DeleteRetry:MaxAttempts must be at least 1");
        }
    }
}
