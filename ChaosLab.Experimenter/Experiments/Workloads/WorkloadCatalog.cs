namespace ChaosLab.Experimenter.Experiments.Workloads;

/// <summary>
/// The workloads ChaosLab knows, and the rule that picks one: an experiment in namespace
/// <see cref="OnlineBoutiqueWorkload.Namespace"/> is aimed at Online Boutique; every other namespace at the Astronomy
/// Shop (its namespace is configurable, <c>Lab:Runner:DefaultNamespace</c>, so it is the fallback, as it was before
/// there was a second workload).
/// </summary>
public static class WorkloadCatalog
{
    /// <summary>The OpenTelemetry demo (the default workload).</summary>
    public static Workload AstronomyShop { get; } = new AstronomyShopWorkload();

    /// <summary>Google's Online Boutique.</summary>
    public static Workload OnlineBoutique { get; } = new OnlineBoutiqueWorkload();

    /// <summary>The workload an experiment in <paramref name="namespace"/> is aimed at.</summary>
    public static Workload For(string? @namespace) =>
        string.Equals(@namespace, OnlineBoutiqueWorkload.Namespace, StringComparison.Ordinal) ? OnlineBoutique : AstronomyShop;
}
