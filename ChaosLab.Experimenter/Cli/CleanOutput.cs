using System.CommandLine;
using System.Text.Json;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Cli;

/// <summary>Prints a clean/abort report; exit 0 when everything was removed, 3 when something was not.</summary>
internal static class CleanOutput
{
    /// <summary>Failures of the cluster or of the call itself (exit 3), as opposed to bad input (exit 2).</summary>
    public static bool IsClusterFailure(Exception e) =>
        e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException or TimeoutException
            or k8s.KubernetesException or Kubernetes.WatchFailedException or OperationCanceledException or JsonException;

    /// <summary>A one-line description without a stack trace.</summary>
    public static string Describe(Exception e) => e is OperationCanceledException ? "interrupted" : Kubernetes.KubernetesErrors.Describe(e);

    public static async Task<int> WriteAsync(ParseResult parseResult, CleanReport report, string verb)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (report.Removed.Count == 0 && report.Failed.Count == 0)
        {
            await output.WriteLineAsync($"chaoslab {verb}: nothing to remove");
        }

        foreach (var line in report.Removed)
        {
            await output.WriteLineAsync("removed: " + line);
        }

        foreach (var line in report.Kept)
        {
            await output.WriteLineAsync("kept: " + line + "; use --all to remove it anyway");
        }

        foreach (var line in report.Failed)
        {
            await error.WriteLineAsync("FAILED: " + line);
        }

        return report.Succeeded ? ExitCodes.Success : ExitCodes.AbortedOrInconclusive;
    }
}
