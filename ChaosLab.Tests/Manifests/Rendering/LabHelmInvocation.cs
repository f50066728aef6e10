using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.Tests.Hosting;
using ChaosLab.Tests.Hosting.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Manifests.Rendering;

/// <summary>
/// The <c>helm upgrade --install</c> command line the AppHost runs for a release, produced by the
/// production code itself: the AppHost's model (Program, with its configuration) gives the release,
/// and <see cref="HelmReleaseInstaller"/> builds the command against a scripted helm, writing the
/// generated values files where it always does. The render tests take its <c>-f</c> and <c>--set</c>
/// arguments unchanged.
/// </summary>
public static class LabHelmInvocation
{
    /// <summary>The dashboard's OTLP/HTTP endpoint of the http launch profile.</summary>
    public const string HttpProfileOtlpEndpoint = "http://localhost:19080";

    /// <summary>The API key the render tests give the AppHost.</summary>
    public const string OtlpApiKey = "render-test-key";

    /// <summary>The upgrade command for <paramref name="releaseName"/> on a cluster with <paramref name="runtime"/>.</summary>
    public static async Task<ProcessSpec> UpgradeAsync(
        string releaseName, ContainerRuntime runtime, bool exportToAspire, string stateDirectory, CancellationToken cancellationToken)
    {
        string[] args =
        [
            $"Lab:StateDirectory={stateDirectory}",
            $"Lab:Shop:ExportToAspire={(exportToAspire ? "true" : "false")}",
            $"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL={HttpProfileOtlpEndpoint}",
            $"AppHost:OtlpApiKey={OtlpApiKey}",
        ];
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(args, cancellationToken);
        var release = builder.Resources.OfType<HelmReleaseResource>().Single(r => r.Name == releaseName);
        var cluster = new ClusterConnection(release.Cluster.KubeconfigPath, release.Cluster.Context, runtime);

        var runner = new FakeProcessRunner().WithGoodTools().WithStatefulHelm();
        var installer = new HelmReleaseInstaller(runner, new ToolPreflight(runner), TimeProvider.System);
        await installer.EnsureAsync(release, cluster, TimeSpan.FromMinutes(10), force: true, NullLogger.Instance, cancellationToken);
        return runner.Calls.Single(c => c.FileName == "helm" && c.Arguments is ["upgrade", "--install", ..]);
    }

    /// <summary>The <c>-f FILE</c> and <c>--set KEY=VALUE</c> pairs of a helm command line, in order.</summary>
    public static IReadOnlyList<string> ValuesArguments(ProcessSpec command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var values = new List<string>();
        for (var i = 0; i < command.Arguments.Count - 1; i++)
        {
            if (command.Arguments[i] is "-f" or "--set")
            {
                values.AddRange([command.Arguments[i], command.Arguments[i + 1]]);
                i++;
            }
        }

        return values;
    }
}
