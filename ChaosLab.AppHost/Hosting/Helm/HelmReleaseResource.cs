using Aspire.Hosting.ApplicationModel;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>
/// A Helm release on the lab cluster: shown as its child (a parent relationship, not
/// <see cref="IResourceWithParent"/>, so that it can also WaitFor the cluster). Data only; the wiring lives in
/// <see cref="HelmReleaseBuilderExtensions"/>.
/// </summary>
public sealed class HelmReleaseResource(string name, KubernetesClusterResource cluster, HelmChartReference chart, string @namespace)
    : Resource(name), IClusterNamespaceResource
{
    /// <summary>The cluster the release lives on.</summary>
    public KubernetesClusterResource Cluster { get; } = cluster;

    /// <summary>The chart and its pinned version.</summary>
    public HelmChartReference Chart { get; } = chart;

    /// <summary>The release's namespace (created when missing).</summary>
    public string Namespace { get; } = @namespace;

    /// <inheritdoc />
    public string KubernetesNamespace => Namespace;

    /// <summary>The release name (the resource name).</summary>
    public string ReleaseName => Name;

    /// <summary>Values files passed with <c>-f</c>, in order.</summary>
    public IList<string> ValuesFiles { get; } = [];

    /// <summary>Values computed from the running cluster, passed with <c>--set</c> (e.g. chaos-daemon's runtime).</summary>
    public IList<Func<ClusterConnection, IEnumerable<KeyValuePair<string, string>>>> ClusterValues { get; } = [];

    /// <summary>Values files written at install time (file name, content), passed with <c>-f</c> after <see cref="ValuesFiles"/>.</summary>
    public IList<Func<ClusterConnection, KeyValuePair<string, string>>> GeneratedValuesFiles { get; } = [];

    /// <summary>Steps run after every ensure (installed, upgraded or skipped), in order; each must be idempotent.</summary>
    public IList<Func<ClusterConnection, IProcessRunner, ILogger, CancellationToken, Task>> AfterEnsure { get; } = [];
}
