namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:Cluster:*</c>: which cluster the lab runs on.</summary>
public sealed class ClusterOptions
{
    /// <summary><c>Lab:Cluster:Mode</c>: <c>Minikube</c> (default) or <c>Existing</c>.</summary>
    public string Mode { get; set; } = nameof(ClusterMode.Minikube);

    /// <summary><c>Lab:Cluster:Kubeconfig</c>: kubeconfig path (Existing mode; <c>~</c> is expanded).</summary>
    public string? Kubeconfig { get; set; }

    /// <summary><c>Lab:Cluster:Context</c>: the kube context to use (Existing mode).</summary>
    public string? Context { get; set; }

    /// <summary>The parsed mode, or null when <see cref="Mode"/> is not a known value.</summary>
    public ClusterMode? ParsedMode =>
        Enum.TryParse<ClusterMode>(Mode, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : null;
}
