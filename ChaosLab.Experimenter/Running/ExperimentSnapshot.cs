using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Running;

/// <summary>The experiment as run, as a JSON document for the journal (every field, defaults filled in).</summary>
public static class ExperimentSnapshot
{
    /// <summary>Describes the experiment. An HTTP probe whose URL <paramref name="probeUrls"/> maps keeps the file's
    /// <c>url</c> and gets <c>requestedUrl</c>: the URL the runner actually requests.</summary>
    public static JsonObject From(Experiment experiment, ProbeUrlMap? probeUrls = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new JsonObject
        {
            ["name"] = experiment.Name,
            ["description"] = experiment.Description,
            ["namespace"] = experiment.Namespace,
            ["source"] = experiment.Source,
            ["fromBareManifest"] = experiment.FromBareManifest,
            ["fault"] = experiment.Fault switch
            {
                ChaosMeshFault c => new JsonObject { ["type"] = "chaosMesh", ["kind"] = c.Kind.ToString(), ["oneShot"] = c.IsOneShot, ["manifest"] = c.Manifest.DeepClone() },
                FlagFault f => new JsonObject
                {
                    ["type"] = "flag",
                    ["flag"] = f.Flag,
                    ["variant"] = f.Variant,
                    ["restoreVariant"] = f.RestoreVariant,
                    ["configMap"] = new JsonObject { ["namespace"] = f.ConfigMap.Namespace, ["name"] = f.ConfigMap.Name, ["key"] = f.ConfigMap.Key },
                },
                IstioFault i => new JsonObject { ["type"] = "istio", ["service"] = i.Service, ["manifest"] = Experiments.Rendering.IstioVirtualService.Spec(i) },
                _ => new JsonObject { ["type"] = experiment.Fault.GetType().Name },
            },
            ["hypothesis"] = new JsonArray([.. experiment.Hypothesis.Probes.Select(p => (JsonNode)Probe(p, probeUrls ?? ProbeUrlMap.None))]),
            ["timing"] = new JsonObject
            {
                ["baseline"] = GoDuration.Format(experiment.Timing.Baseline),
                ["faultDuration"] = GoDuration.Format(experiment.Timing.FaultDuration),
                ["recoveryTimeout"] = GoDuration.Format(experiment.Timing.RecoveryTimeout),
                ["cooldown"] = GoDuration.Format(experiment.Timing.Cooldown),
                ["probeInterval"] = GoDuration.Format(experiment.Timing.ProbeInterval),
            },
            ["guardrails"] = new JsonObject
            {
                ["maxPodsAffected"] = experiment.Guardrails.MaxPodsAffected,
                ["abortWhen"] = new JsonArray([.. experiment.Guardrails.AbortWhen.Select(a => (JsonNode)new JsonObject
                {
                    ["probe"] = a.Probe,
                    ["hardLimit"] = a.HardLimit.Describe(),
                    ["for"] = GoDuration.Format(a.For),
                })]),
            },
            ["expect"] = experiment.Expect is { } expect
                ? new JsonObject
                {
                    ["maxRecoveryTime"] = expect.MaxRecoveryTime is { } t ? GoDuration.Format(t) : null,
                    ["maxImpact"] = new JsonArray([.. expect.MaxImpact.Select(i => (JsonNode)new JsonObject { ["probe"] = i.Probe, ["limit"] = i.Limit.Describe() })]),
                }
                : null,
        };
    }

    private static JsonObject Probe(Probe probe, ProbeUrlMap probeUrls)
    {
        var node = new JsonObject { ["name"] = probe.Name, ["phases"] = probe.Phases.ToString(), ["expects"] = ProbeJudge.Expectation(probe) };
        switch (probe)
        {
            case PrometheusProbe p:
                node["type"] = "prometheus";
                node["query"] = p.Query;
                break;
            case HttpProbe h:
                node["type"] = "http";
                node["url"] = h.Url.ToString();
                if (probeUrls.Map(h.Url) is var requested && requested != h.Url)
                {
                    node["requestedUrl"] = requested.ToString();
                    node["urlMappedBy"] = ProbeUrlMap.Section;
                }

                node["timeout"] = GoDuration.Format(h.Timeout);
                break;
            case DeploymentReadyProbe d:
                node["type"] = "deploymentReady";
                node["namespace"] = d.Namespace;
                node["deployment"] = d.Deployment;
                break;
        }

        return node;
    }
}
