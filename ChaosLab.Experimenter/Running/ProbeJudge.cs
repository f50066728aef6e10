using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>Judges raw probe samples against the probe's tolerance. Pure: no I/O, no clock.</summary>
public static class ProbeJudge
{
    /// <summary>Whether one sample is within the probe's tolerance (an errored sample never is).</summary>
    public static bool Allows(Probe probe, double? value, double? baseline) => probe switch
    {
        _ when value is not { } v || double.IsNaN(v) => false,
        PrometheusProbe p => p.Tolerance.Allows(value.Value, baseline),
        HttpProbe h => (int)value.Value == h.ExpectedStatus,
        DeploymentReadyProbe d => value.Value >= d.MinReadyReplicas,
        _ => throw new ArgumentException($"unknown probe type {probe.GetType().Name}", nameof(probe)),
    };

    /// <summary>What the probe expects, in words.</summary>
    public static string Expectation(Probe probe) => probe switch
    {
        PrometheusProbe p => p.Tolerance.Describe(),
        HttpProbe h => string.Create(CultureInfo.InvariantCulture, $"HTTP {h.ExpectedStatus}"),
        DeploymentReadyProbe d => string.Create(CultureInfo.InvariantCulture, $"≥ {d.MinReadyReplicas} ready replicas"),
        _ => probe.GetType().Name,
    };

    /// <summary>The baseline of a probe: the mean of its numeric samples before the fault, or null.</summary>
    public static double? Baseline(IEnumerable<ProbeSampleRecord> samples, string probe)
    {
        var values = samples
            .Where(s => s.Probe == probe && s.Phase == RunPhase.SteadyStateBefore && !s.Inconclusive && s.Value is { } v && !double.IsNaN(v))
            .Select(s => s.Value!.Value)
            .ToList();
        return values.Count == 0 ? null : values.Average();
    }

    /// <summary>The verdict for a probe in a phase: before and after, the last sample that could be read decides (the state
    /// the system settled in); during, every sample that could be read must hold. Samples that could not be read are no
    /// evidence: they are counted, never judged; when every sample of the phase is such, the verdict is inconclusive
    /// (<see cref="ProbeVerdict.Held"/> null). No samples at all: not held.</summary>
    public static ProbeVerdict Verdict(Probe probe, RunPhase phase, IReadOnlyList<ProbeSampleRecord> samples, double? baseline)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(samples);
        var all = samples.Where(s => s.Probe == probe.Name && s.Phase == phase).ToList();
        if (all.Count == 0)
        {
            return new ProbeVerdict(probe.Name, phase, Held: false, "no samples");
        }

        var mine = all.Where(s => !s.Inconclusive).ToList();
        var unread = all.Count - mine.Count;
        if (mine.Count == 0)
        {
            return new ProbeVerdict(probe.Name, phase, Held: null, string.Create(CultureInfo.InvariantCulture,
                $"inconclusive: none of {all.Count} samples could be read (last: {all[^1].Error})"))
            { InconclusiveSamples = unread };
        }

        var unreadNote = unread == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {unread} sample{(unread == 1 ? string.Empty : "s")} could not be read (not judged)");
        var expectation = Expectation(probe);
        if (phase == RunPhase.Observe)
        {
            var breaches = mine.Count(s => !Allows(probe, s.Value, baseline));
            return new ProbeVerdict(probe.Name, phase, breaches == 0, string.Create(CultureInfo.InvariantCulture,
                $"{mine.Count - breaches}/{mine.Count} samples {expectation}{unreadNote}"))
            { InconclusiveSamples = unread };
        }

        var last = mine[^1];
        var held = Allows(probe, last.Value, baseline);
        var shown = last.Error ?? (last.Value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "no value");
        return new ProbeVerdict(probe.Name, phase, held, $"last sample {shown}, expected {expectation}{unreadNote}") { InconclusiveSamples = unread };
    }

    /// <summary>Impact limits (<c>expect.maxImpact</c>) judged on the samples during the fault: every sample with a value must be within
    /// the limit. Samples that could not be read are not judged; when there are only such, the verdict is inconclusive.</summary>
    public static ProbeVerdict Impact(ImpactLimit limit, IReadOnlyList<ProbeSampleRecord> samples, double? baseline)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(samples);
        var all = samples.Where(s => s.Probe == limit.Probe && s.Phase == RunPhase.Observe).ToList();
        var unread = all.Count(s => s.Inconclusive);
        var during = all.Where(s => !s.Inconclusive && s.Value is not null).ToList();
        if (during.Count == 0)
        {
            return unread > 0
                ? new ProbeVerdict(limit.Probe, RunPhase.Observe, Held: null, string.Create(CultureInfo.InvariantCulture, $"impact limit: inconclusive, none of {unread} samples during the fault could be read")) { InconclusiveSamples = unread }
                : new ProbeVerdict(limit.Probe, RunPhase.Observe, Held: false, "impact limit: no samples during the fault");
        }

        var worst = during.Where(s => !limit.Limit.Allows(s.Value!.Value, baseline)).ToList();
        return new ProbeVerdict(limit.Probe, RunPhase.Observe, worst.Count == 0, string.Create(CultureInfo.InvariantCulture,
            $"impact limit {limit.Limit.Describe()}: {worst.Count} of {during.Count} samples outside"))
        { InconclusiveSamples = unread };
    }
}
