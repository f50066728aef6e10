using System.Text.Json;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.AppHost.Hosting.Tools;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>
/// Installs or upgrades a release with helm, and skips the upgrade when the deployed release already
/// has the same chart version and values (the warm start). Repo add/update only when an upgrade needs them.
/// </summary>
public sealed class HelmReleaseInstaller(IProcessRunner runner, ToolPreflight preflight, TimeProvider timeProvider)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RepoTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ProcessGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Brings the release to the pinned chart and values. With <paramref name="force"/> the upgrade runs
    /// even when the release looks up to date. Throws <see cref="LabStepException"/> with helm's reason.
    /// </summary>
    public async Task<HelmReleaseOutcome> EnsureAsync(
        HelmReleaseResource release, ClusterConnection cluster, TimeSpan helmTimeout, bool force, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var outcome = await this.EnsureReleaseAsync(release, cluster, helmTimeout, force, log, cancellationToken);
        foreach (var step in release.AfterEnsure)
        {
            await step(cluster, runner, log, cancellationToken);
        }

        return outcome;
    }

    private async Task<HelmReleaseOutcome> EnsureReleaseAsync(
        HelmReleaseResource release, ClusterConnection cluster, TimeSpan helmTimeout, bool force, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await preflight.RequireAsync(KnownTools.Helm, release.Name, log, timeProvider, cancellationToken);

        var valuesFiles = release.ValuesFiles.ToList();
        foreach (var file in valuesFiles.Where(f => !File.Exists(f)))
        {
            throw new LabStepException($"Values file '{file}' for release '{release.ReleaseName}' does not exist.");
        }

        var generated = release.GeneratedValuesFiles.Select(g => g(cluster)).ToList();
        var setValues = release.ClusterValues.SelectMany(v => v(cluster)).ToList();
        var contents = valuesFiles.Select(File.ReadAllText).Concat(generated.Select(g => g.Value)).ToList();
        var fingerprint = HelmValuesFingerprint.Compute(release.Chart, contents, setValues);

        var current = await StatusAsync(release, cluster, cancellationToken);
        if (!force && current is { Status: "deployed" } && current.ChartVersion == release.Chart.Version
            && HelmValuesFingerprint.Matches(current.Description, fingerprint))
        {
            using var skip = LabTelemetry.StartStep("helm skip", release.Name, timeProvider);
            log.ReleaseUpToDate(release.ReleaseName, release.Chart.Chart, release.Chart.Version, current.Revision);
            skip.Succeed("skipped");
            return new HelmReleaseOutcome("skipped", current.Status, current.Revision, fingerprint);
        }

        using var step = LabTelemetry.StartStep("helm upgrade", release.Name, timeProvider);
        step.Tag("chaoslab.helm.chart", release.Chart.Chart).Tag("chaoslab.helm.version", release.Chart.Version);
        try
        {
            var reason = Reason(release, current, force);
            log.Step(reason);
            await EnsureRepositoryAsync(release.Chart, cluster, log, cancellationToken);
            var generatedPaths = WriteGenerated(release, cluster, generated);
            var upgrade = HelmCommands.UpgradeInstall(cluster, release, [.. valuesFiles, .. generatedPaths], setValues, fingerprint, helmTimeout);
            await runner.RunOrFailAsync(upgrade, log, helmTimeout + ProcessGrace, $"helm upgrade --install {release.ReleaseName}", cancellationToken);

            var after = await StatusAsync(release, cluster, cancellationToken);
            var action = current is null ? "installed" : "upgraded";
            step.Succeed(action);
            return new HelmReleaseOutcome(action, after?.Status ?? "deployed", after?.Revision ?? 0, fingerprint);
        }
        catch (LabStepException ex)
        {
            step.Fail(ex.Message);
            throw;
        }
    }

    /// <summary>Uninstalls the release (<c>helm uninstall --wait</c>).</summary>
    public Task UninstallAsync(HelmReleaseResource release, ClusterConnection cluster, TimeSpan helmTimeout, ILogger log, CancellationToken cancellationToken) =>
        runner.RunOrFailAsync(HelmCommands.Uninstall(cluster, release, helmTimeout), log, helmTimeout + ProcessGrace, $"helm uninstall {release?.ReleaseName}", cancellationToken);

    /// <summary>The deployed release's status, or null when it is not installed.</summary>
    public async Task<HelmReleaseStatus?> StatusAsync(HelmReleaseResource release, ClusterConnection cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var result = await QueryOrFailAsync(HelmCommands.Status(cluster, release), cancellationToken);
        if (result.Succeeded)
        {
            return HelmReleaseStatus.Parse(result.StandardOutput);
        }

        // "release: not found" means not installed; anything else (cluster unreachable, bad kubeconfig) is an error.
        return result.StandardError.Contains("not found", StringComparison.OrdinalIgnoreCase)
            ? null
            : throw new LabStepException($"helm status {release.ReleaseName} failed (exit code {result.ExitCode}): {result.LastErrorLine}");
    }

    private async Task EnsureRepositoryAsync(HelmChartReference chart, ClusterConnection cluster, ILogger log, CancellationToken cancellationToken)
    {
        var list = await QueryOrFailAsync(HelmCommands.RepoList(cluster), cancellationToken);
        var wanted = chart.RepositoryUrl.ToString().TrimEnd('/');
        if (!RepositoryListed(list, chart.RepositoryName, wanted))
        {
            await runner.RunOrFailAsync(HelmCommands.RepoAdd(cluster, chart), log, RepoTimeout, $"helm repo add {chart.RepositoryName}", cancellationToken);
        }

        var search = await QueryOrFailAsync(HelmCommands.SearchRepo(cluster, chart), cancellationToken);
        if (!search.Succeeded || !search.StandardOutput.Contains($"\"{chart.Version}\"", StringComparison.Ordinal))
        {
            await runner.RunOrFailAsync(HelmCommands.RepoUpdate(cluster, chart), log, RepoTimeout, $"helm repo update {chart.RepositoryName}", cancellationToken);
        }
    }

    private static bool RepositoryListed(ProcessResult list, string name, string url)
    {
        if (!list.Succeeded || string.IsNullOrWhiteSpace(list.StandardOutput))
        {
            return false; // helm exits 1 with "no repositories to show" when there are none.
        }

        try
        {
            using var document = JsonDocument.Parse(list.StandardOutput);
            return document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.EnumerateArray().Any(repo =>
                repo.TryGetProperty("name", out var n) && n.GetString() == name
                && repo.TryGetProperty("url", out var u) && u.GetString()?.TrimEnd('/') == url);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<string> WriteGenerated(HelmReleaseResource release, ClusterConnection cluster, List<KeyValuePair<string, string>> generated)
    {
        var paths = new List<string>();
        if (generated.Count == 0)
        {
            return paths;
        }

        var directory = Path.Combine(Path.GetDirectoryName(cluster.KubeconfigPath)!, "values");
        Directory.CreateDirectory(directory);
        foreach (var (fileName, content) in generated)
        {
            var path = Path.Combine(directory, $"{release.ReleaseName}.{fileName}");
            File.WriteAllText(path, content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // may carry the OTLP API key
            }

            paths.Add(path);
        }

        return paths;
    }

    private static string Reason(HelmReleaseResource release, HelmReleaseStatus? current, bool force) => current switch
    {
        _ when force => $"Upgrading release '{release.ReleaseName}' on request.",
        null => $"Release '{release.ReleaseName}' is not installed: installing {release.Chart.Chart} {release.Chart.Version} into namespace '{release.Namespace}'.",
        { Status: not "deployed" } => $"Release '{release.ReleaseName}' is '{current.Status}': upgrading it to {release.Chart.Chart} {release.Chart.Version}.",
        _ when current.ChartVersion != release.Chart.Version => $"Release '{release.ReleaseName}' runs chart {current.ChartVersion}: upgrading to {release.Chart.Version}.",
        _ => $"Release '{release.ReleaseName}' was deployed with other values: upgrading.",
    };

    private async Task<ProcessResult> QueryOrFailAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.QueryAsync(spec, QueryTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new LabStepException(ex.Message, ex);
        }
    }
}
