namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary>
/// Settings the lab reads differently from how they may look: no shop (so no Prometheus), Istio or Online Boutique's
/// tracing asked for without the shop, Online Boutique in a namespace the experimenter does not know it by, a minikube memory below <see cref="MinikubeMemory.Estimate"/>. The cluster
/// resource logs them at every start (its console log and the AppHost's).
/// </summary>
public static class LabWarnings
{
    /// <summary>The warnings for <paramref name="options"/>, in a stable order.</summary>
    public static IReadOnlyList<string> For(LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        if (!options.HasShop)
        {
            warnings.Add("Lab:Workloads does not include AstronomyShop: there is no Prometheus, Grafana or Jaeger in the lab. The experimenter runs "
                + "without Lab:Prometheus:Url, so an experiment whose hypothesis queries Prometheus is refused at preflight; HTTP probes and pod-level recovery still work.");
        }

        if (options.Istio.Enabled && !options.HasShop)
        {
            warnings.Add("Lab:Istio:Enabled is true, but Istio's sidecars go into the Astronomy Shop's namespace and the shop is not in Lab:Workloads: Istio is not installed.");
        }

        if (options.OnlineBoutique.Tracing && options.HasOnlineBoutique && !options.HasShop)
        {
            warnings.Add("Lab:OnlineBoutique:Tracing is true, but its traces go to the Astronomy Shop's collector and the shop is not in Lab:Workloads: tracing stays off.");
        }

        if (options.HasOnlineBoutique && options.OnlineBoutique.Namespace != OnlineBoutiqueOptions.DefaultNamespace)
        {
            warnings.Add($"Lab:OnlineBoutique:Namespace is '{options.OnlineBoutique.Namespace}': the shipped Online Boutique experiments name "
                + $"'{OnlineBoutiqueOptions.DefaultNamespace}', and the experimenter applies Online Boutique's rules (app labels, its services' protocols, "
                + $"its pods) only to experiments in '{OnlineBoutiqueOptions.DefaultNamespace}'; an experiment in '{options.OnlineBoutique.Namespace}' is judged as an Astronomy Shop one.");
        }

        var estimate = MinikubeMemory.Estimate(options);
        if (options.Mode == ClusterMode.Minikube && options.Minikube.MemoryIsExplicit
            && MinikubeMemory.ToMebibytes(options.Minikube.Memory) is { } given && given < MinikubeMemory.ToMebibytes(estimate))
        {
            warnings.Add($"Lab:Minikube:Memory is '{options.Minikube.Memory}', below the {estimate} the lab estimates for {Describe(options)}; it is kept as given, "
                + "but pods may stay Pending or be evicted. Raise it (a minikube profile keeps its size: delete the profile to change it) or leave it unset.");
        }

        return warnings;
    }

    private static string Describe(LabOptions options)
    {
        var parts = new List<string> { "Chaos Mesh" };
        parts.AddRange(options.SelectedWorkloads.Select(w => w == LabWorkload.AstronomyShop ? "the Astronomy Shop" : "Online Boutique"));
        if (options.Istio.Enabled && options.HasShop)
        {
            parts.Add("Istio");
        }

        return string.Join(", ", parts[..^1]) + " and " + parts[^1];
    }
}
