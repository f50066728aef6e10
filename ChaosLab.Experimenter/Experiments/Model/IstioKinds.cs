namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>The Istio objects ChaosLab makes: <c>networking.istio.io/v1</c> VirtualServices, as in the pinned Istio release.</summary>
public static class IstioKinds
{
    /// <summary>The Istio release whose CRD schema is vendored (<c>manifests/crds/istio-1.30.3</c>) and whose charts the lab installs.</summary>
    public const string PinnedVersion = "1.30.3";

    /// <summary>API group.</summary>
    public const string Group = "networking.istio.io";

    /// <summary>API version served by the pinned release.</summary>
    public const string Version = "v1";

    /// <summary><c>group/version</c>.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>Kind.</summary>
    public const string VirtualService = "VirtualService";

    /// <summary>URL plural.</summary>
    public const string Plural = "virtualservices";

    /// <summary>What to set when Istio is not installed.</summary>
    public const string EnableHint = "Istio is not installed in the cluster (no networking.istio.io/v1 VirtualService API): start the lab with Lab:Istio:Enabled=true (environment Lab__Istio__Enabled=true), which installs Istio's base and istiod charts and sidecars in the shop namespace";

    /// <summary>The gRPC status names Envoy accepts in <c>abort.grpcStatus</c>.</summary>
    public static IReadOnlyList<string> GrpcStatuses { get; } =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
        "DATA_LOSS", "UNAUTHENTICATED",
    ];
}
