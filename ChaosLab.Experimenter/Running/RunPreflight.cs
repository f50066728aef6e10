using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Kubernetes;
using k8s;

namespace ChaosLab.Experimenter.Running;

/// <summary>
/// The preflight phase before anything is created: a hypothesis with Prometheus probes needs a Prometheus (checked first,
/// without a cluster call), the API answers, every namespace the fault touches exists and is not protected, the safety
/// policy holds against the live cluster (<see cref="RunSafetyCheck"/>), and the fault driver's own checks pass. The
/// reads go through the one retry policy (<see cref="ClusterCalls"/>), so a burst of server errors does not fail a run.
/// </summary>
internal sealed partial class RunPreflight(IKubernetes client, ClusterCalls calls, RunSafetyCheck safety, ExperimentRunnerOptions options, bool hasPrometheus, ILogger logger)
{
    /// <summary>Runs the checks; throws <see cref="RunFailedException"/> with the reason on a refusal.</summary>
    public async Task CheckAsync(Experiment experiment, IFaultDriver driver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(driver);

        // Before any cluster call: a run whose Prometheus probes cannot be read would only find out after its baseline.
        if (!hasPrometheus && experiment.Hypothesis.Probes.OfType<PrometheusProbe>().Select(p => p.Name).ToList() is { Count: > 0 } promProbes)
        {
            throw new RunFailedException($"no Prometheus configured, and probe{(promProbes.Count == 1 ? string.Empty : "s")} {string.Join(", ", promProbes)} query Prometheus: " +
                "pass --prometheus URL, or set Lab:Prometheus:Url (environment Lab__Prometheus__Url), e.g. http://127.0.0.1:9090");
        }

        k8s.Models.VersionInfo version;
        try
        {
            version = await calls.RunAsync("read the API server version", ct => client.Version.GetCodeAsync(ct), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new RunFailedException("Kubernetes API not reachable: " + e.Message, e);
        }

        LogApiReachable(logger, version.GitVersion);
        var namespaces = new HashSet<string>(StringComparer.Ordinal) { experiment.Namespace, driver.Record.Namespace };
        if (driver is ChaosMeshFaultDriver chaosDriver)
        {
            namespaces.UnionWith(chaosDriver.Targets.Namespaces);
        }

        foreach (var ns in namespaces)
        {
            if (options.ProtectedNamespaces.Contains(ns, StringComparer.Ordinal))
            {
                throw new RunFailedException($"namespace '{ns}' is protected (Lab:Runner:ProtectedNamespaces); ChaosLab will not inject there");
            }

            try
            {
                await calls.RunAsync($"read namespace {ns}", ct => client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: ct), cancellationToken);
            }
            catch (Exception e) when (KubernetesErrors.IsNotFound(e))
            {
                throw new RunFailedException($"namespace '{ns}' does not exist", e);
            }
        }

        await safety.CheckAsync(experiment, cancellationToken);
        await driver.PreflightAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes API reachable ({Version})")]
    private static partial void LogApiReachable(ILogger logger, string version);
}
