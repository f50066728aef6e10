namespace ChaosLab.Tests.Analysis;

/// <summary>Ground truth for one SLI of a scenario (seconds after fault start / fault end).</summary>
/// <param name="DetectSeconds">When the SLI really left its normal level, or null when it never did.</param>
/// <param name="RecoverSeconds">When it really came back, or null when it never did.</param>
public sealed record SliTruth(double? DetectSeconds, double? RecoverSeconds)
{
    /// <summary>The SLI is untouched by the fault.</summary>
    public static readonly SliTruth NoEffect = new(null, 0);

    /// <summary>The SLI may or may not move (e.g. p95 when only the slowest 3 % of calls slow down): not judged.</summary>
    public static readonly SliTruth Either = new(-1, -1);

    /// <summary>True when the SLI comes back within the window.</summary>
    public bool Recovered => RecoverSeconds is not null;
}
