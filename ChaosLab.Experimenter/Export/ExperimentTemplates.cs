using System.Globalization;
using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Export;

/// <summary>
/// One experiment as Workflow templates: its fault as a chaos template whose deadline is the fault
/// duration, and its HTTP probes as StatusCheck templates that abort the workflow (before the fault,
/// during it beside the chaos, after it for the recovery timeout, as the probe's phases say).
/// Notes what cannot go in-cluster. HTTP probe URLs are mapped (<see cref="ProbeUrlMap"/>, as the runner maps them);
/// one still on a loopback host after that names the laptop's port-forward, which nothing answers in the cluster (the
/// Chaos Mesh controller runs the checks from its own pod): it is left out and listed, never exported to fail.
/// </summary>
internal static class ExperimentTemplates
{
    /// <summary>Consecutive failed checks that fail a status check (Chaos Mesh's default).</summary>
    public const int FailureThreshold = 3;

    /// <summary>Adds the experiment's templates; returns the name of the one to run, or null when nothing of it can run in-cluster.</summary>
    public static string? Add(Experiment experiment, JsonArray templates, List<string> notExported, ProbeUrlMap? probeUrls = null)
    {
        var name = experiment.Name;
        Dropped(experiment, notExported);
        if (experiment.Fault is not ChaosMeshFault chaos)
        {
            notExported.Add(experiment.Fault switch
            {
                FlagFault flag => $"{name}: the flag fault (flagd flag '{flag.Flag}' set to '{flag.Variant}') — no Chaos Mesh kind switches a feature flag; the experiment is left out",
                IstioFault istio => $"{name}: the Istio fault on '{istio.Service}' (a VirtualService) — no Chaos Mesh kind creates one, and it has no duration of its own to end it; the experiment is left out",
                _ => $"{name}: a {experiment.Fault.GetType().Name} has no Chaos Mesh kind; the experiment is left out",
            });
            return null;
        }

        var http = InClusterHttpProbes(experiment, probeUrls ?? ProbeUrlMap.None, notExported);
        var faultName = http.Count == 0 ? name : name + "-fault";
        templates.Add(ChaosTemplate(experiment, chaos, faultName));
        if (http.Count == 0)
        {
            return name;
        }

        var steps = new JsonArray();
        AddChecks(experiment, http, ProbePhases.Before, "before", experiment.Timing.Baseline, templates, steps);
        var during = http.Where(p => p.Phases.HasFlag(ProbePhases.During)).ToList();
        if (during.Count > 0)
        {
            var children = new JsonArray(faultName);
            foreach (var probe in during)
            {
                var checkName = $"{name}-{Safe(probe.Name)}-during";
                templates.Add(Check(experiment, probe, checkName, "Continuous", experiment.Timing.FaultDuration));
                children.Add(checkName);
            }

            templates.Add(new JsonObject { ["name"] = name + "-during", ["templateType"] = "Parallel", ["children"] = children });
            steps.Add(name + "-during");
        }
        else
        {
            steps.Add(faultName);
        }

        AddChecks(experiment, http, ProbePhases.After, "after", experiment.Timing.RecoveryTimeout, templates, steps);
        templates.Add(new JsonObject { ["name"] = name, ["templateType"] = "Serial", ["children"] = steps });
        return name;
    }

    // The HTTP probes as the cluster must ask them: mapped, and without the ones only the laptop could answer.
    private static List<HttpProbe> InClusterHttpProbes(Experiment experiment, ProbeUrlMap probeUrls, List<string> notExported)
    {
        var http = new List<HttpProbe>();
        foreach (var probe in experiment.Hypothesis.Probes.OfType<HttpProbe>())
        {
            var url = probeUrls.Map(probe.Url);
            if (url.IsLoopback)
            {
                notExported.Add($"{experiment.Name}: HTTP probe '{probe.Name}' asks {url}, a port-forward on the laptop — nothing answers there in the cluster, so its StatusCheck would only abort the workflow; map it to the Service (--probe-url-map FROM=TO or Lab:Runner:ProbeUrlMap)");
                continue;
            }

            http.Add(probe with { Url = url });
        }

        return http;
    }

    /// <summary>The chaos template: the spec as written, selectors' namespaces explicit, no duration (the deadline ends it).</summary>
    public static JsonObject ChaosTemplate(Experiment experiment, ChaosMeshFault chaos, string name)
    {
        var spec = (JsonObject)chaos.Spec.DeepClone();
        spec.Remove("duration");
        Namespaces(spec["selector"] as JsonObject, experiment.Namespace);
        Namespaces((spec["target"] as JsonObject)?["selector"] as JsonObject, experiment.Namespace);
        return new JsonObject
        {
            ["name"] = name,
            ["templateType"] = ChaosKinds.KindName(chaos.Kind),
            ["deadline"] = GoDuration.Format(experiment.Timing.FaultDuration),
            [EmbeddedChaosKeys.Key(chaos.Kind)] = spec,
        };
    }

    private static void AddChecks(Experiment experiment, List<HttpProbe> http, ProbePhases phase, string suffix, TimeSpan window, JsonArray templates, JsonArray steps)
    {
        foreach (var probe in http.Where(p => p.Phases.HasFlag(phase)))
        {
            var checkName = $"{experiment.Name}-{Safe(probe.Name)}-{suffix}";
            templates.Add(Check(experiment, probe, checkName, "Synchronous", window));
            steps.Add(checkName);
        }
    }

    private static JsonObject Check(Experiment experiment, HttpProbe probe, string name, string mode, TimeSpan window)
    {
        var seconds = (int)Math.Ceiling(probe.Timeout.TotalSeconds);
        var interval = (int)Math.Max(1, Math.Round(experiment.Timing.ProbeInterval.TotalSeconds));
        return new JsonObject
        {
            ["name"] = name,
            ["templateType"] = "StatusCheck",
            ["deadline"] = GoDuration.Format(window),
            ["abortWithStatusCheck"] = true,
            ["statusCheck"] = new JsonObject
            {
                ["mode"] = mode,
                ["type"] = "HTTP",
                ["duration"] = GoDuration.Format(window),
                ["timeoutSeconds"] = Math.Max(1, seconds),
                ["intervalSeconds"] = interval,
                ["failureThreshold"] = FailureThreshold,
                ["successThreshold"] = 1,
                ["http"] = new JsonObject
                {
                    ["url"] = probe.Url.ToString(),
                    ["method"] = "GET",
                    ["criteria"] = new JsonObject { ["statusCode"] = probe.ExpectedStatus.ToString(CultureInfo.InvariantCulture) },
                },
            },
        };
    }

    private static void Dropped(Experiment e, List<string> notExported)
    {
        foreach (var probe in e.Hypothesis.Probes)
        {
            switch (probe)
            {
                case PrometheusProbe p:
                    notExported.Add($"{e.Name}: hypothesis probe '{p.Name}' (a Prometheus query judged against its tolerance) — a StatusCheck can only call HTTP");
                    break;
                case DeploymentReadyProbe d:
                    notExported.Add($"{e.Name}: hypothesis probe '{d.Name}' (deployment {d.Deployment} ready) — a StatusCheck cannot read the Kubernetes API");
                    break;
            }
        }

        foreach (var condition in e.Guardrails.AbortWhen)
        {
            notExported.Add($"{e.Name}: guardrail abortWhen on '{condition.Probe}' — only HTTP status checks can abort a workflow");
        }

        if (e.Guardrails.MaxPodsAffected is { } max)
        {
            notExported.Add($"{e.Name}: guardrails.maxPodsAffected {max} is checked here against the manifest, but the live pod count before the fault is not");
        }

        if (e.Expect is not null)
        {
            notExported.Add($"{e.Name}: expect (maxImpact, maxRecoveryTime) — pass/fail judgement needs ChaosLab's analysis");
        }

        notExported.Add($"{e.Name}: baseline window ({GoDuration.Format(e.Timing.Baseline)}), SLI analysis and the run journal — ChaosLab's runner and analysis do these, the cluster does not");
    }

    // Probe names become part of template names (DNS-1123).
    private static string Safe(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }

    private static void Namespaces(JsonObject? selector, string @namespace)
    {
        if (selector is not null && selector["namespaces"] is not JsonArray { Count: > 0 })
        {
            selector["namespaces"] = new JsonArray(@namespace);
        }
    }
}
