using System.Globalization;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>The worker is halted: no run starts until it is resumed (or the hold ends).</summary>
/// <param name="Since">When the halt began.</param>
/// <param name="Reason">Who halted it (e.g. <c>POST /api/abort</c>).</param>
/// <param name="Until">When the halt lifts by itself (<c>Lab:Experimenter:HaltHold</c>); null: only on resume.</param>
public sealed record HaltStatus(DateTimeOffset Since, string Reason, DateTimeOffset? Until)
{
    /// <summary>What a refused request is told: since when, why, and how to resume.</summary>
    public string Message => string.Create(CultureInfo.InvariantCulture,
        $"the worker is halted since {this.Since:O} ({this.Reason}): no run starts until it is resumed with POST /api/resume (dashboard: experimenter → Resume runs)")
        + (this.Until is { } until ? string.Create(CultureInfo.InvariantCulture, $" or the hold ends at {until:O}") : string.Empty);
}
