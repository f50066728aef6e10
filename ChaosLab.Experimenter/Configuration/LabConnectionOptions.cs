namespace ChaosLab.Experimenter.Configuration;

/// <summary>
/// Where the experimenter acts and measures. Bound from <c>Lab:Cluster:*</c> and <c>Lab:Prometheus:*</c>;
/// the AppHost passes these as <c>Lab__Cluster__Kubeconfig</c>, <c>Lab__Cluster__Context</c> and
/// <c>Lab__Prometheus__Url</c>.
/// </summary>
public sealed record LabConnectionOptions
{
    /// <summary>Path of the kubeconfig file; empty means the default (<c>KUBECONFIG</c> or <c>~/.kube/config</c>).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kube context, always explicit: ChaosLab never acts on "whatever is current".</summary>
    public string? Context { get; init; }

    /// <summary>Base URL of the Prometheus HTTP API (the lab's port-forward), e.g. <c>http://127.0.0.1:9090</c>.</summary>
    public Uri? PrometheusUrl { get; init; }

    /// <summary>Reads the options from configuration.</summary>
    public static LabConnectionOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prometheus = configuration["Lab:Prometheus:Url"];
        return new LabConnectionOptions
        {
            Kubeconfig = NullIfBlank(configuration["Lab:Cluster:Kubeconfig"]),
            Context = NullIfBlank(configuration["Lab:Cluster:Context"]),
            PrometheusUrl = Uri.TryCreate(prometheus, UriKind.Absolute, out var url) ? url : null,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
