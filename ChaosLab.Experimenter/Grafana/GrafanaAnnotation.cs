namespace ChaosLab.Experimenter.Grafana;

/// <summary>A Grafana region annotation as <c>POST /api/annotations</c> takes it: start and end in Unix milliseconds, tags, text.</summary>
public sealed record GrafanaAnnotation(long Time, long TimeEnd, IReadOnlyList<string> Tags, string Text)
{
    /// <summary>The tag on every ChaosLab annotation (the ChaosLab dashboard's annotation query filters on it).</summary>
    public const string LabTag = "chaoslab";

    /// <summary>The region of one fault window, tagged <c>chaoslab</c>, the experiment and the run id.</summary>
    public static GrafanaAnnotation FaultWindow(string experiment, string runId, DateTimeOffset from, DateTimeOffset to, string text) =>
        new(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), [LabTag, experiment, runId], text);
}
