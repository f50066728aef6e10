using System.Text.RegularExpressions;
using ChaosLab.AppHost.Hosting.Cluster;
using Microsoft.Extensions.Configuration;

namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary>
/// Everything under <c>Lab:*</c> (appsettings, environment <c>Lab__…</c>, command line). The key
/// names are a contract that scripts and users rely on.
/// </summary>
public sealed partial class LabOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Lab";

    /// <summary><c>Lab:StateDirectory</c>: where per-profile kubeconfigs live (default <c>~/.chaoslab</c>).</summary>
    public string StateDirectory { get; set; } = "~/.chaoslab";

    /// <summary><c>Lab:Cluster:*</c>.</summary>
    public ClusterOptions Cluster { get; set; } = new();

    /// <summary><c>Lab:Minikube:*</c>.</summary>
    public MinikubeOptions Minikube { get; set; } = new();

    /// <summary><c>Lab:Helm:*</c>.</summary>
    public HelmOptions Helm { get; set; } = new();

    /// <summary><c>Lab:Shop:*</c>.</summary>
    public ShopOptions Shop { get; set; } = new();

    /// <summary><c>Lab:Istio</c>.</summary>
    public IstioOptions Istio { get; set; } = new();

    /// <summary><c>Lab:Ports:*</c>.</summary>
    public PortOptions Ports { get; set; } = new();

    /// <summary><c>Lab:Experimenter:Hosting</c> (the AppHost's only key in the worker's <c>Lab:Experimenter</c> section).</summary>
    public ExperimenterOptions Experimenter { get; set; } = new();

    /// <summary>The mode to build the model with (Minikube when the configured value is invalid; validation reports it).</summary>
    public ClusterMode Mode => Cluster.ParsedMode ?? ClusterMode.Minikube;

    /// <summary>Binds <c>Lab:*</c> from <paramref name="configuration"/> (defaults where a key is absent).</summary>
    public static LabOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LabOptions();
        configuration.GetSection(SectionName).Bind(options);
        // appsettings.json spells out the default, so "left at the default" means the default value.
        if (options.Istio.Enabled && options.Minikube.Memory == new MinikubeOptions().Memory)
        {
            options.Minikube.Memory = IstioOptions.MinikubeMemory; // istiod and ~25 sidecars need the room
        }

        return options;
    }

    /// <summary>Expands a leading <c>~</c> to the user's home folder.</summary>
    public static string ExpandHome(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty);
        }

        return path;
    }

    /// <summary>Every problem with the configuration, each naming the key and what is expected; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Cluster.ParsedMode is null)
        {
            errors.Add($"Lab:Cluster:Mode is '{Cluster.Mode}'; expected 'Minikube' or 'Existing'.");
        }

        if (!Experimenter.IsValid)
        {
            errors.Add($"Lab:Experimenter:Hosting is '{Experimenter.Hosting}'; expected 'Local' or 'InCluster'.");
        }

        if (Cluster.ParsedMode == ClusterMode.Existing)
        {
            if (string.IsNullOrWhiteSpace(Cluster.Kubeconfig))
            {
                errors.Add("Lab:Cluster:Kubeconfig is required when Lab:Cluster:Mode is 'Existing' (path to a kubeconfig file).");
            }

            if (string.IsNullOrWhiteSpace(Cluster.Context))
            {
                errors.Add("Lab:Cluster:Context is required when Lab:Cluster:Mode is 'Existing' (a context name in that kubeconfig).");
            }
        }

        if (Cluster.ParsedMode != ClusterMode.Existing)
        {
            ValidateMinikube(errors);
        }

        if (Helm.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"Lab:Helm:Timeout is '{Helm.Timeout}'; expected a positive duration such as 00:10:00.");
        }

        if (string.IsNullOrWhiteSpace(Shop.Namespace) || !DnsLabel().IsMatch(Shop.Namespace))
        {
            errors.Add($"Lab:Shop:Namespace is '{Shop.Namespace}'; expected a Kubernetes namespace name (lowercase letters, digits, '-').");
        }

        ValidatePorts(errors);
        return errors;
    }

    private void ValidateMinikube(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Minikube.Profile) || !DnsLabel().IsMatch(Minikube.Profile))
        {
            errors.Add($"Lab:Minikube:Profile is '{Minikube.Profile}'; expected lowercase letters, digits and '-' (e.g. 'chaoslab').");
        }

        if (ContainerRuntimes.FromName(Minikube.ContainerRuntime) is null)
        {
            errors.Add($"Lab:Minikube:ContainerRuntime is '{Minikube.ContainerRuntime}'; expected 'containerd', 'docker' or 'cri-o'.");
        }

        if (Minikube.Cpus < 2)
        {
            errors.Add($"Lab:Minikube:Cpus is {Minikube.Cpus}; expected at least 2 (6 recommended for the demo).");
        }

        if (string.IsNullOrWhiteSpace(Minikube.Memory) || !MemorySize().IsMatch(Minikube.Memory))
        {
            errors.Add($"Lab:Minikube:Memory is '{Minikube.Memory}'; expected a size such as '12g' or '12288m' (the demo needs about 8 GiB).");
        }

        if (Minikube.KubernetesVersion is { Length: > 0 } version && !KubernetesVersion().IsMatch(version))
        {
            errors.Add($"Lab:Minikube:KubernetesVersion is '{version}'; expected a version such as 'v1.34.0' (or leave it empty).");
        }

        if (Minikube.StartTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Lab:Minikube:StartTimeout is '{Minikube.StartTimeout}'; expected a positive duration such as 00:15:00.");
        }
    }

    private void ValidatePorts(List<string> errors)
    {
        (string Key, int Port)[] ports = [("Lab:Ports:Shop", Ports.Shop), ("Lab:Ports:Prometheus", Ports.Prometheus), ("Lab:Ports:ChaosDashboard", Ports.ChaosDashboard)];
        foreach (var (key, port) in ports)
        {
            if (port is < 1 or > 65535)
            {
                errors.Add($"{key} is {port}; expected a TCP port between 1 and 65535.");
            }
        }

        foreach (var group in ports.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            errors.Add($"{string.Join(" and ", group.Select(p => p.Key))} are all {group.Key}; each port-forward needs its own local port.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[0-9]+([mg]b?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex MemorySize();

    [GeneratedRegex("^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$")]
    private static partial Regex KubernetesVersion();
}
