namespace ChaosLab.Experimenter.Experiments.Rendering;

/// <summary>What a run id may look like: it becomes a label value and part of object names.</summary>
public static class RunIds
{
    /// <summary>Longest run id (so that <c>&lt;experiment&gt;-&lt;run id&gt;</c> fits in 63 characters).</summary>
    public const int MaxLength = 22;

    /// <summary>The run id <c>chaoslab render</c> uses when none is given.</summary>
    public const string Preview = "preview";

    /// <summary>True for 1–22 characters of lowercase letters, digits and '-', starting and ending alphanumeric.</summary>
    public static bool IsValid(string? runId) =>
        !string.IsNullOrEmpty(runId)
        && runId.Length <= MaxLength
        && char.IsAsciiLetterOrDigit(runId[0])
        && char.IsAsciiLetterOrDigit(runId[^1])
        && runId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
