namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Where the cluster is: a kubeconfig file and an explicit context (config section <c>Lab:Cluster</c>;
/// the AppHost passes <c>Lab:Cluster:Kubeconfig</c> and <c>Lab:Cluster:Context</c>), or, with
/// <c>Lab:Cluster:Mode=InCluster</c>, the pod's own service account (the in-cluster experimenter).</summary>
public sealed record ClusterConnectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lab:Cluster";

    /// <summary>Path of the kubeconfig file; null means the default (<c>$KUBECONFIG</c> or <c>~/.kube/config</c>).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Kubeconfig (the default) or the pod's service account.</summary>
    public ClusterConnectionMode Mode { get; init; } = ClusterConnectionMode.Kubeconfig;

    /// <summary>The context to use. Required: ChaosLab never relies on the kubeconfig's current context.</summary>
    public string? Context { get; init; }

    /// <summary>Reads the options from configuration.</summary>
    public static ClusterConnectionOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var mode = section["Mode"];
        var parsed = ClusterConnectionMode.Kubeconfig;
        if (!string.IsNullOrWhiteSpace(mode) && !Enum.TryParse(mode, ignoreCase: true, out parsed))
        {
            throw new ClusterConnectionException($"{Section}:Mode '{mode}' is neither Kubeconfig nor InCluster");
        }

        return new ClusterConnectionOptions { Mode = parsed, Kubeconfig = ExpandHome(section["Kubeconfig"]), Context = section["Context"] };
    }

    /// <summary>Expands a leading <c>~/</c> to the user's home folder.</summary>
    public static string? ExpandHome(string? path) =>
        path is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
