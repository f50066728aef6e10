namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Where the cluster is: a kubeconfig file and an explicit context (config section <c>Lab:Cluster</c>;
/// the AppHost passes <c>Lab:Cluster:Kubeconfig</c> and <c>Lab:Cluster:Context</c>).</summary>
public sealed record ClusterConnectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Lab:Cluster";

    /// <summary>Path of the kubeconfig file; null means the default (<c>$KUBECONFIG</c> or <c>~/.kube/config</c>).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The context to use. Required: ChaosLab never relies on the kubeconfig's current context.</summary>
    public string? Context { get; init; }

    /// <summary>Reads the options from configuration.</summary>
    public static ClusterConnectionOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new ClusterConnectionOptions { Kubeconfig = ExpandHome(section["Kubeconfig"]), Context = section["Context"] };
    }

    /// <summary>Expands a leading <c>~/</c> to the user's home folder.</summary>
    public static string? ExpandHome(string? path) =>
        path is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
