using System.Globalization;

namespace ChaosLab.Experimenter.Experiments.Safety;

/// <summary>
/// How many pods a Chaos Mesh selector mode picks out of the pods its selector matches, as Chaos Mesh
/// 2.8.3 does it (<c>pkg/selector/generic/mode.go</c>): <c>one</c> → 1, <c>all</c> → all, <c>fixed</c>
/// → min(value, matched), <c>fixed-percent</c> → ⌊matched × value / 100⌋, <c>random-max-percent</c>
/// → at most ⌊matched × value / 100⌋ (the worst case is what a safety limit must count).
/// </summary>
public static class BlastRadius
{
    /// <summary>The most pods <paramref name="mode"/>/<paramref name="value"/> can pick from <paramref name="matched"/> pods.
    /// A missing mode counts as <c>all</c>; a value Chaos Mesh would reject counts as every matched pod.</summary>
    public static int Affected(string? mode, string? value, int matched)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(matched);
        return mode switch
        {
            "one" => Math.Min(1, matched),
            "fixed" => Whole(value) is { } n and > 0 ? Math.Min(n, matched) : matched,
            "fixed-percent" or "random-max-percent" => Whole(value) is { } pct and > 0 and <= 100 ? (int)(matched * (long)pct / 100) : matched,
            _ => matched,
        };
    }

    /// <summary>The most pods the mode can pick when the number of matched pods is not known: <c>one</c> and
    /// <c>fixed</c> bound it by themselves; the other modes need the count (null).</summary>
    public static int? Bound(string? mode, string? value, int? matched) =>
        matched is { } known ? Affected(mode, value, known)
        : mode == "one" ? 1
        : mode == "fixed" && Whole(value) is { } n and > 0 ? n
        : null;

    private static int? Whole(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
