using System.Collections.Concurrent;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChaosLab.AppHost.Hosting.Tools;

/// <summary>
/// Checks that a tool is on the PATH and new enough, through the process runner. A tool that passed
/// is not asked again (resources share one answer); a failed check is repeated next time, so
/// installing the tool and pressing Start works without restarting the AppHost.
/// </summary>
public sealed class ToolPreflight(IProcessRunner runner)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Lazy<Task<ToolCheckResult>>> _checks = new(StringComparer.Ordinal);

    /// <summary>The tool's verdict: shared while a check runs, remembered once it passed.</summary>
    public async Task<ToolCheckResult> CheckAsync(ToolRequirement tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var check = _checks.GetOrAdd(tool.Name, _ => new Lazy<Task<ToolCheckResult>>(() => CheckCoreAsync(tool, CancellationToken.None)));
        var result = await check.Value.WaitAsync(cancellationToken);
        if (!result.IsUsable)
        {
            _checks.TryRemove(new KeyValuePair<string, Lazy<Task<ToolCheckResult>>>(tool.Name, check));
        }

        return result;
    }

    /// <summary>
    /// The step <c>preflight &lt;tool&gt;</c> of <paramref name="resource"/>: checks the tool, logs the version found
    /// to the resource's console log, or fails the step with a <see cref="LabStepException"/> saying what to install.
    /// </summary>
    public async Task RequireAsync(ToolRequirement tool, string resource, ILogger log, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        using var step = LabTelemetry.StartStep($"preflight {tool.Name}", resource, timeProvider);
        var check = await CheckAsync(tool, cancellationToken);
        if (!check.IsUsable)
        {
            step.Fail(check.Problem!);
            throw new LabStepException(check.Problem!);
        }

        var version = Format(check.Version!);
        log.ToolFound(tool.Name, version);
        step.Tag("chaoslab.tool.version", version).Succeed("ok");
    }

    private async Task<ToolCheckResult> CheckCoreAsync(ToolRequirement tool, CancellationToken cancellationToken)
    {
        ProcessResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(VersionTimeout);
        try
        {
            result = await runner.RunAsync(new ProcessSpec(tool.Name, tool.VersionArguments), timeout.Token);
        }
        catch (ToolNotFoundException)
        {
            return new(tool, null, $"{tool.Name} is not installed (not found on the PATH). {tool.InstallHint}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(tool, null, $"'{tool.Name} {string.Join(' ', tool.VersionArguments)}' did not answer within {VersionTimeout.TotalSeconds:0} s. {tool.InstallHint}");
        }

        var version = ToolVersion.Parse(result.StandardOutput);
        if (!result.Succeeded || version is null)
        {
            return new(tool, version, $"'{tool.Name} {string.Join(' ', tool.VersionArguments)}' failed ({result.LastErrorLine}); cannot tell its version. {tool.InstallHint}");
        }

        if (version < tool.MinimumVersion)
        {
            return new(tool, version, $"{tool.Name} {Format(version)} is too old; ChaosLab needs {tool.Name} {Format(tool.MinimumVersion)} or newer. {tool.InstallHint}");
        }

        return new(tool, version, null);
    }

    /// <summary>Formats a version as <c>vX.Y.Z</c>.</summary>
    public static string Format(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return $"v{version.Major}.{version.Minor}.{Math.Max(0, version.Build)}";
    }
}
