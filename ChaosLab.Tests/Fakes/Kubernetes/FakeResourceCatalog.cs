namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The resource kinds the fake API server serves, with their URL segments.</summary>
public static class FakeResourceCatalog
{
    /// <summary>The Chaos Mesh API group.</summary>
    public const string ChaosGroup = "chaos-mesh.org";

    /// <summary>Istio's networking API group (served unless the fake cluster runs without Istio).</summary>
    public const string IstioGroup = "networking.istio.io";

    /// <summary>Every kind served: group ("" for core), version, plural, kind, namespaced.</summary>
    public static readonly IReadOnlyList<FakeResourceType> All =
    [
        new("", "v1", "namespaces", "Namespace", Namespaced: false),
        new("", "v1", "pods", "Pod", Namespaced: true),
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true),
        new("", "v1", "events", "Event", Namespaced: true),
        new("", "v1", "services", "Service", Namespaced: true),
        new("apps", "v1", "deployments", "Deployment", Namespaced: true),
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true),
        new(ChaosGroup, "v1alpha1", "podchaos", "PodChaos", Namespaced: true),
        new(ChaosGroup, "v1alpha1", "networkchaos", "NetworkChaos", Namespaced: true),
        new(ChaosGroup, "v1alpha1", "stresschaos", "StressChaos", Namespaced: true),
        new(ChaosGroup, "v1alpha1", "httpchaos", "HTTPChaos", Namespaced: true),
        new(ChaosGroup, "v1alpha1", "dnschaos", "DNSChaos", Namespaced: true),
        new(ChaosGroup, "v1alpha1", "iochaos", "IOChaos", Namespaced: true),
        new(ChaosGroup, "v1alpha1", "timechaos", "TimeChaos", Namespaced: true),
        new(IstioGroup, "v1", "virtualservices", "VirtualService", Namespaced: true),
    ];

    /// <summary>Finds a type by group and plural, or null.</summary>
    public static FakeResourceType? Find(string group, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Plural == plural);

    /// <summary>Finds a type by kind, or null.</summary>
    public static FakeResourceType? FindKind(string kind) => All.FirstOrDefault(t => t.Kind == kind);
}
