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

    /// <summary><c>Lab:OnlineBoutique:*</c>.</summary>
    public OnlineBoutiqueOptions OnlineBoutique { get; set; } = new();

    /// <summary><c>Lab:Istio</c>.</summary>
    public IstioOptions Istio { get; set; } = new();

    /// <summary><c>Lab:Ports:*</c>.</summary>
    public PortOptions Ports { get; set; } = new();

    /// <summary><c>Lab:Experimenter:Hosting</c> (the AppHost's only key in the worker's <c>Lab:Experimenter</c> section).</summary>
    public ExperimenterOptions Experimenter { get; set; } = new();

    /// <summary><c>Lab:Workloads</c>, read by <see cref="Bind"/> (<see cref="LabWorkloads"/>): the systems under test to install.</summary>
    public IReadOnlySet<LabWorkload> SelectedWorkloads { get; private set; } = new HashSet<LabWorkload> { LabWorkload.AstronomyShop };

    /// <summary>Names in <c>Lab:Workloads</c> that are not workloads (reported by <see cref="Validate"/>).</summary>
    public IReadOnlyList<string> UnknownWorkloads { get; private set; } = [];

    /// <summary>True when the Astronomy Shop is installed (and with it Prometheus, Grafana, Jaeger and the collector).</summary>
    public bool HasShop => SelectedWorkloads.Contains(LabWorkload.AstronomyShop);

    /// <summary>True when Online Boutique is installed.</summary>
    public bool HasOnlineBoutique => SelectedWorkloads.Contains(LabWorkload.OnlineBoutique);

    /// <summary>Online Boutique's traces go to the shop's collector: <c>Lab:OnlineBoutique:Tracing</c> and both workloads.</summary>
    public bool OnlineBoutiqueTracing => OnlineBoutique.Tracing && HasShop && HasOnlineBoutique;

    /// <summary>The mode to build the model with (Minikube when the configured value is invalid; validation reports it).</summary>
    public ClusterMode Mode => Cluster.ParsedMode ?? ClusterMode.Minikube;

    /// <summary>Binds <c>Lab:*</c> from <paramref name="configuration"/> (defaults where a key is absent).</summary>
    public static LabOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LabOptions();
        configuration.GetSection(SectionName).Bind(options);
        (options.SelectedWorkloads, options.UnknownWorkloads) = LabWorkloads.Read(configuration);
        // The default lives here, not in appsettings.json, so that a value the user set is never raised.
        options.Minikube.MemoryIsExplicit = !string.IsNullOrWhiteSpace(options.Minikube.Memory);
        if (!options.Minikube.MemoryIsExplicit)
        {
            options.Minikube.Memory = MinikubeMemory.Estimate(options);
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

        ValidateWorkloads(errors);

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

    /// <summary>What the lab will do differently from what the configuration may suggest (<see cref="LabWarnings"/>); logged at start-up, never fatal.</summary>
    public IReadOnlyList<string> Warnings() => LabWarnings.For(this);

    private void ValidateWorkloads(List<string> errors)
    {
        foreach (var name in UnknownWorkloads)
        {
            errors.Add($"Lab:Workloads names '{name}', which is not a workload; expected one or more of {LabWorkloads.ValidNames} (a list, or one comma-separated string).");
        }

        if (HasOnlineBoutique)
        {
            if (string.IsNullOrWhiteSpace(OnlineBoutique.Namespace) || !DnsLabel().IsMatch(OnlineBoutique.Namespace))
            {
                errors.Add($"Lab:OnlineBoutique:Namespace is '{OnlineBoutique.Namespace}'; expected a Kubernetes namespace name (lowercase letters, digits, '-').");
            }
            else if (HasShop && OnlineBoutique.Namespace == Shop.Namespace)
            {
                errors.Add($"Lab:OnlineBoutique:Namespace and Lab:Shop:Namespace are both '{Shop.Namespace}'; each workload needs its own namespace (both have a Service 'frontend').");
            }

            if (OnlineBoutique.Timeout <= TimeSpan.Zero)
            {
                errors.Add($"Lab:OnlineBoutique:Timeout is '{OnlineBoutique.Timeout}'; expected a positive duration such as 00:10:00.");
            }
        }

        if (Experimenter.IsInCluster && !HasShop)
        {
            errors.Add("Lab:Experimenter:Hosting is 'InCluster', which deploys the worker into the Astronomy Shop's namespace, but Lab:Workloads does not include AstronomyShop; add it, or use Hosting 'Local'.");
        }
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
        // Only the ports of forwards the lab creates: without the shop, its two ports are free for other uses.
        List<(string Key, int Port)> ports = [("Lab:Ports:ChaosDashboard", Ports.ChaosDashboard)];
        if (HasShop)
        {
            ports.InsertRange(0, [("Lab:Ports:Shop", Ports.Shop), ("Lab:Ports:Prometheus", Ports.Prometheus)]);
        }

        if (HasOnlineBoutique)
        {
            ports.Add(("Lab:Ports:OnlineBoutique", Ports.OnlineBoutique));
        }

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
