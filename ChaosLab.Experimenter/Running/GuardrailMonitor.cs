using System.Globalization;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Running;

/// <summary>Tracks abort conditions: a probe breaching its hard limit continuously for the condition's
/// duration trips the guardrail. Pure state: fed samples with their timestamps.</summary>
public sealed class GuardrailMonitor(IReadOnlyList<AbortCondition> conditions)
{
    private readonly Dictionary<AbortCondition, DateTimeOffset> breachSince = [];

    /// <summary>Feeds one sample; returns the reason when a guardrail trips, else null.</summary>
    public string? Observe(string probe, DateTimeOffset at, double? value, double? baseline)
    {
        foreach (var condition in conditions.Where(c => c.Probe == probe))
        {
            var breached = value is not { } v || double.IsNaN(v) || !condition.HardLimit.Allows(v, baseline);
            if (!breached)
            {
                this.breachSince.Remove(condition);
                continue;
            }

            if (!this.breachSince.TryGetValue(condition, out var since))
            {
                since = at;
                this.breachSince[condition] = at;
            }

            if (at - since >= condition.For)
            {
                var shown = value?.ToString("G6", CultureInfo.InvariantCulture) ?? "no value";
                return string.Create(CultureInfo.InvariantCulture,
                    $"guardrail: probe '{probe}' outside its hard limit ({condition.HardLimit.Describe()}) for {(at - since).TotalSeconds:0.#} s (limit {condition.For.TotalSeconds:0.#} s); last value {shown}");
            }
        }

        return null;
    }
}
