namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// The keys under which Schedule and Workflow specs embed a chaos spec (Chaos Mesh's <c>EmbedChaos</c>):
/// <c>podChaos</c>, <c>networkChaos</c>, …, and the kinds ChaosLab does not support there.
/// </summary>
public static class EmbeddedChaosKeys
{
    /// <summary>Kinds Chaos Mesh 2.8.3 can embed that act outside the cluster's pods (cloud APIs, block devices, physical machines); ChaosLab refuses them.</summary>
    public static IReadOnlyDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["awsChaos"] = "AWSChaos",
        ["azureChaos"] = "AzureChaos",
        ["gcpChaos"] = "GCPChaos",
        ["blockChaos"] = "BlockChaos",
        ["physicalmachineChaos"] = "PhysicalMachineChaos",
    };

    /// <summary>The embedding key of <paramref name="kind"/> (<c>podChaos</c>, <c>httpChaos</c>, <c>jvmChaos</c>, …).</summary>
    public static string Key(ChaosKind kind) => kind switch
    {
        ChaosKind.HTTPChaos => "httpChaos",
        ChaosKind.DNSChaos => "dnsChaos",
        ChaosKind.IOChaos => "ioChaos",
        ChaosKind.JVMChaos => "jvmChaos",
        _ => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..],
    };

    /// <summary>Every embedding key of a supported kind.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ChaosKinds.All.Select(Key)];

    /// <summary>Every key a Chaos Mesh spec may embed a chaos under, supported or not.</summary>
    public static IEnumerable<string> AllIncludingUnsupported => All.Concat(Unsupported.Keys);
}
