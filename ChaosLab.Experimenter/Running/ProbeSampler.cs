using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Running;

/// <summary>Takes raw probe samples: a PromQL value (first series of an instant query), an HTTP
/// status code, or a Deployment's ready replicas. Never judges; errors become the sample's error.</summary>
public sealed class ProbeSampler(IPrometheusClient? prometheus, HttpClient http, PodClient pods, string defaultNamespace, TimeProvider time)
{
    /// <summary>Samples one probe: (value, error).</summary>
    public async Task<(double? Value, string? Error)> SampleAsync(Probe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        try
        {
            return probe switch
            {
                PrometheusProbe p => await this.PrometheusAsync(p, cancellationToken),
                HttpProbe h => await this.HttpAsync(h, cancellationToken),
                DeploymentReadyProbe d => await pods.ReadyReplicasAsync(d.Namespace ?? defaultNamespace, d.Deployment, cancellationToken) is { } ready
                    ? (ready, null)
                    : (null, $"deployment {d.Namespace ?? defaultNamespace}/{d.Deployment} not found"),
                _ => (null, $"unknown probe type {probe.GetType().Name}"),
            };
        }
        catch (PrometheusException e)
        {
            return (null, e.Message);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"Kubernetes API {(int?)KubernetesErrors.StatusOf(e)}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timed out");
        }
    }

    private async Task<(double?, string?)> PrometheusAsync(PrometheusProbe probe, CancellationToken cancellationToken)
    {
        if (prometheus is null)
        {
            return (null, "no Prometheus configured (Lab:Prometheus:Url)");
        }

        var result = await prometheus.QueryAsync(probe.Query, null, cancellationToken);
        return result switch
        {
            PrometheusScalar s => (s.Sample.Value, null),
            PrometheusVector { Series.Count: > 0 } v when v.Series[0].Samples.Count > 0 => (v.Series[0].Samples[^1].Value, null),
            PrometheusVector => (null, "query returned no series"),
            _ => (null, $"query returned a {result.GetType().Name}, expected a scalar or vector"),
        };
    }

    private async Task<(double?, string?)> HttpAsync(HttpProbe probe, CancellationToken cancellationToken)
    {
        using var timeout = new Deadline(probe.Timeout, time, cancellationToken);
        using var response = await http.GetAsync(probe.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return ((int)response.StatusCode, null);
    }
}
