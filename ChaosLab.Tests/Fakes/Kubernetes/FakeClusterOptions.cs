namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>How the fake cluster and its simulated controllers behave.</summary>
public sealed record FakeClusterOptions
{
    /// <summary>Namespace the demo is seeded into.</summary>
    public string DemoNamespace { get; init; } = "otel-demo";

    /// <summary>Seed the demo's Deployments, pods and flagd ConfigMap from the rendered fixtures.</summary>
    public bool SeedDemo { get; init; } = true;

    /// <summary>Namespace Online Boutique's release manifest is seeded into (its Deployments with Ready pods, and its
    /// Services), or null for none.</summary>
    public string? BoutiqueNamespace { get; init; }

    /// <summary>Delay before the simulated Chaos Mesh controller selects and injects.</summary>
    public TimeSpan InjectDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Delay before the controller recovers a deleted chaos object and drops its finalizer.</summary>
    public TimeSpan RecoverDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>When true, selected targets stay "Not Injected" with a Failed Apply event (like a
    /// chaos-daemon that does not match the node's runtime).</summary>
    public bool FailInjection { get; init; }

    /// <summary>Delay before the simulated deployment controller creates a replacement pod.</summary>
    public TimeSpan PodReplaceDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Delay before a replacement pod becomes Ready.</summary>
    public TimeSpan PodReadyDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>False: the cluster has no Istio installed (its API group is not served).</summary>
    public bool Istio { get; init; } = true;
}
