namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:Ports:*</c>: stable local ports of the port-forwards (all on 127.0.0.1).</summary>
public sealed class PortOptions
{
    /// <summary><c>Lab:Ports:Shop</c>: frontend-proxy (shop, Grafana, Jaeger, feature flags); default 18080.</summary>
    public int Shop { get; set; } = 18080;

    /// <summary><c>Lab:Ports:Prometheus</c>: default 19090.</summary>
    public int Prometheus { get; set; } = 19090;

    /// <summary><c>Lab:Ports:ChaosDashboard</c>: default 12333.</summary>
    public int ChaosDashboard { get; set; } = 12333;

    /// <summary><c>Lab:Ports:OnlineBoutique</c>: Online Boutique's frontend (Service <c>frontend</c>, port 80); default 18081.</summary>
    public int OnlineBoutique { get; set; } = 18081;
}
