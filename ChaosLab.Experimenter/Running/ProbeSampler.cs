using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Time;

namespace ChaosLab.Experimenter.Running;

/// <summary>Takes raw probe readings: a PromQL value (first series of an instant query), an HTTP status code, or a
/// Deployment's ready replicas. Never judges. What the user would see is evidence (an HTTP endpoint that does not
/// answer, a query with no series, a missing Deployment); a read that fails on the way — the Kubernetes API or
/// Prometheus erroring, unreachable or too slow — is inconclusive: no evidence either way.
/// HTTP probes are sent to <see cref="ProbeUrlMap.Map"/> of their URL (the one place the map is applied).</summary>
public sealed class ProbeSampler(IPrometheusClient? prometheus, HttpClient http, PodClient pods, string defaultNamespace, TimeProvider time, ProbeUrlMap? probeUrls = null)
{
    /// <summary>Reads one probe.</summary>
    public Task<ProbeReading> SampleAsync(Probe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe switch
        {
            PrometheusProbe p => this.PrometheusAsync(p, cancellationToken),
            HttpProbe h => this.HttpAsync(h, cancellationToken),
            DeploymentReadyProbe d => this.DeploymentAsync(d, cancellationToken),
            _ => Task.FromResult(ProbeReading.Failure($"unknown probe type {probe.GetType().Name}")),
        };
    }

    private async Task<ProbeReading> PrometheusAsync(PrometheusProbe probe, CancellationToken cancellationToken)
    {
        if (prometheus is null)
        {
            return ProbeReading.CouldNotRead("no Prometheus configured (--prometheus URL or Lab:Prometheus:Url)");
        }

        try
        {
            var result = await prometheus.QueryAsync(probe.Query, null, cancellationToken);
            return result switch
            {
                PrometheusScalar s => ProbeReading.Answer(s.Sample.Value),
                PrometheusVector { Series.Count: > 0 } v when v.Series[0].Samples.Count > 0 => ProbeReading.Answer(v.Series[0].Samples[^1].Value),
                PrometheusVector => ProbeReading.Failure("query returned no series"),
                _ => ProbeReading.Failure($"query returned a {result.GetType().Name}, expected a scalar or vector"),
            };
        }
        catch (PrometheusException e)
        {
            return ProbeReading.CouldNotRead("Prometheus: " + e.Message);
        }
        catch (HttpRequestException e)
        {
            return ProbeReading.CouldNotRead("Prometheus: " + e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeReading.CouldNotRead("Prometheus: timed out");
        }
    }

    // The endpoint's own answer — any status, no answer, too slow — is what a user would see: evidence. The URL requested
    // is the probe's, mapped (an in-cluster worker reaches the frontend by its Service, not the laptop's port-forward).
    private async Task<ProbeReading> HttpAsync(HttpProbe probe, CancellationToken cancellationToken)
    {
        var url = (probeUrls ?? ProbeUrlMap.None).Map(probe.Url);
        try
        {
            using var timeout = new Deadline(probe.Timeout, time, cancellationToken);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ProbeReading.Answer((int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return ProbeReading.Failure(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeReading.Failure(string.Create(CultureInfo.InvariantCulture, $"no answer within {probe.Timeout.TotalSeconds:0.###} s"));
        }
    }

    private async Task<ProbeReading> DeploymentAsync(DeploymentReadyProbe probe, CancellationToken cancellationToken)
    {
        var ns = probe.Namespace ?? defaultNamespace;
        try
        {
            return await pods.ReadyReplicasAsync(ns, probe.Deployment, cancellationToken) is { } ready
                ? ProbeReading.Answer(ready)
                : ProbeReading.Failure($"deployment {ns}/{probe.Deployment} not found");
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            return ProbeReading.CouldNotRead(string.Create(CultureInfo.InvariantCulture, $"Kubernetes API answered {(int?)KubernetesErrors.StatusOf(e)} reading deployment {ns}/{probe.Deployment}"));
        }
        catch (HttpRequestException e)
        {
            return ProbeReading.CouldNotRead($"Kubernetes API not reachable reading deployment {ns}/{probe.Deployment}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeReading.CouldNotRead($"Kubernetes API timed out reading deployment {ns}/{probe.Deployment}");
        }
    }
}
