using ChaosLab.Experimenter.Kubernetes;
using k8s;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChaosLab.Experimenter.Worker;

/// <summary>
/// Readiness: the configured Kubernetes API server answers <c>/version</c>. Unhealthy, with the
/// reason, when the kubeconfig or context is missing or the server cannot be reached.
/// </summary>
public sealed class ClusterReachabilityCheck(ClusterConnectionOptions options) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = await ProbeAsync(options, cancellationToken);
        return probe.Reachable
            ? HealthCheckResult.Healthy(probe.Description)
            : HealthCheckResult.Unhealthy(probe.Description);
    }

    /// <summary>Asks the API server for its version, within a short timeout.</summary>
    public static async Task<ClusterProbe> ProbeAsync(ClusterConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IKubernetes client;
        try
        {
            client = KubernetesClientFactory.Create(options);
        }
        catch (ClusterConnectionException ex)
        {
            return new ClusterProbe(false, $"no usable cluster connection: {ex.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var version = await client.Version.GetCodeAsync(timeout.Token);
            return new ClusterProbe(true, $"API server {client.BaseUri} answers (Kubernetes {version.GitVersion})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ClusterProbe(false, $"API server {client.BaseUri} did not answer within {ProbeTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return new ClusterProbe(false, $"API server {client.BaseUri} is unreachable: {ex.Message}");
        }
        catch (k8s.Autorest.HttpOperationException ex)
        {
            return new ClusterProbe(false, $"API server {client.BaseUri} answered {(int)ex.Response.StatusCode} {ex.Response.ReasonPhrase}");
        }
        finally
        {
            client.Dispose();
        }
    }
}
