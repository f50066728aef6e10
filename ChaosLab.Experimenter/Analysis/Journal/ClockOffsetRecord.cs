using System.Globalization;
using System.Text.Json.Nodes;

namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>
/// The clock offset a run measured, as the journal records it (<c>analysis.clockOffset</c>):
/// <c>{"startSeconds", "endSeconds", "appliedSeconds", "method", "roundTripSeconds"}</c>, where offset = Prometheus's clock − the runner's.
/// </summary>
public static class ClockOffsetRecord
{
    /// <summary>The method, as written into the journal.</summary>
    public const string Method = "Prometheus time() by an instant query without a time, against the runner's clock at the middle of the round trip (the best of 3 by round trip), at the start and at the end of the run; applied = their mean";

    /// <summary>The journal object for the two measurements (either may be null when Prometheus did not answer).</summary>
    public static JsonObject Build(ClockOffsetMeasurement? start, ClockOffsetMeasurement? end) => new()
    {
        ["startSeconds"] = Seconds(start?.Offset),
        ["endSeconds"] = Seconds(end?.Offset),
        ["appliedSeconds"] = Seconds(Applied(start, end)),
        ["roundTripSeconds"] = Seconds(new[] { start?.RoundTrip, end?.RoundTrip }.Where(r => r is not null).Max()),
        ["method"] = Method,
    };

    /// <summary>The offset to apply: the mean of what was measured, or zero.</summary>
    public static TimeSpan Applied(ClockOffsetMeasurement? start, ClockOffsetMeasurement? end) => (start, end) switch
    {
        ({ } s, { } e) => (s.Offset + e.Offset) / 2,
        ({ } s, null) => s.Offset,
        (null, { } e) => e.Offset,
        _ => TimeSpan.Zero,
    };

    /// <summary>The applied offset a journal records, or null when it has none.</summary>
    public static TimeSpan? Read(JsonObject? record) =>
        record?["appliedSeconds"] is JsonValue v && v.TryGetValue<double>(out var seconds) && double.IsFinite(seconds) ? TimeSpan.FromSeconds(seconds) : null;

    private static JsonValue? Seconds(TimeSpan? value) =>
        value is { } v ? JsonValue.Create(Math.Round(v.TotalSeconds, 4)) : null;

    /// <summary>For messages: <c>+1.234 s</c>.</summary>
    public static string Describe(TimeSpan offset) => offset.TotalSeconds.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture) + " s";
}
