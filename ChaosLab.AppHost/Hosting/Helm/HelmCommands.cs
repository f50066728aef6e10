using System.Globalization;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>The helm command lines the lab runs; <c>--kube-context</c> and <c>--kubeconfig</c> are on every one.</summary>
public static class HelmCommands
{
    /// <summary><c>helm status REL -n NS -o json</c>.</summary>
    public static ProcessSpec Status(ClusterConnection cluster, HelmReleaseResource release) =>
        Spec(cluster, "status", Arg(release).ReleaseName, "-n", release.Namespace, "-o", "json");

    /// <summary><c>helm repo list -o json</c>.</summary>
    public static ProcessSpec RepoList(ClusterConnection cluster) => Spec(cluster, "repo", "list", "-o", "json");

    /// <summary><c>helm repo add NAME URL --force-update</c>.</summary>
    public static ProcessSpec RepoAdd(ClusterConnection cluster, HelmChartReference chart) =>
        Spec(cluster, "repo", "add", Arg(chart).RepositoryName, chart.RepositoryUrl.ToString().TrimEnd('/'), "--force-update");

    /// <summary><c>helm repo update NAME</c>.</summary>
    public static ProcessSpec RepoUpdate(ClusterConnection cluster, HelmChartReference chart) =>
        Spec(cluster, "repo", "update", Arg(chart).RepositoryName);

    /// <summary><c>helm search repo REPO/CHART --version V -o json</c>: is the pinned version in the local index?</summary>
    public static ProcessSpec SearchRepo(ClusterConnection cluster, HelmChartReference chart) =>
        Spec(cluster, "search", "repo", Arg(chart).Chart, "--version", chart.Version, "-o", "json");

    /// <summary>
    /// <c>helm upgrade --install REL CHART --version V -n NS --create-namespace -f … --set … --description chaoslab:FP --wait --timeout T</c>.
    /// </summary>
    public static ProcessSpec UpgradeInstall(
        ClusterConnection cluster, HelmReleaseResource release, IEnumerable<string> valuesFiles,
        IEnumerable<KeyValuePair<string, string>> setValues, string fingerprint, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(release);
        var arguments = new List<string>
        {
            "upgrade", "--install", release.ReleaseName, release.Chart.Chart,
            "--version", release.Chart.Version,
            "-n", release.Namespace, "--create-namespace",
        };
        foreach (var file in valuesFiles)
        {
            arguments.AddRange(["-f", file]);
        }

        foreach (var (key, value) in setValues)
        {
            arguments.AddRange(["--set", $"{key}={value}"]);
        }

        arguments.AddRange(["--description", HelmValuesFingerprint.Description(fingerprint), "--wait", "--timeout", Seconds(timeout)]);
        return Spec(cluster, [.. arguments]);
    }

    /// <summary><c>helm uninstall REL -n NS --wait --timeout T</c>.</summary>
    public static ProcessSpec Uninstall(ClusterConnection cluster, HelmReleaseResource release, TimeSpan timeout) =>
        Spec(cluster, "uninstall", Arg(release).ReleaseName, "-n", release.Namespace, "--wait", "--timeout", Seconds(timeout));

    private static string Seconds(TimeSpan timeout) =>
        ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    private static T Arg<T>(T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }

    private static ProcessSpec Spec(ClusterConnection cluster, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new ProcessSpec("helm", [.. arguments, "--kube-context", cluster.Context, "--kubeconfig", cluster.KubeconfigPath]);
    }
}
