namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary>A system under test the lab can install (<c>Lab:Workloads</c>).</summary>
public enum LabWorkload
{
    /// <summary>The OpenTelemetry demo (Helm chart), with its collector, Prometheus, Grafana and Jaeger. The default.</summary>
    AstronomyShop,

    /// <summary>Google's Online Boutique, from its pinned upstream release manifest (kubectl apply).</summary>
    OnlineBoutique,
}
