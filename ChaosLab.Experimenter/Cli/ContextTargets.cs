namespace ChaosLab.Experimenter.Cli;

/// <summary>Pairs <c>--context</c> with <c>--prometheus</c> and <c>--grafana</c>: each of the two is given not at all
/// (the configuration's URL for every context), once (that URL for every context) or exactly once per <c>--context</c>,
/// paired by order (<c>--context A --prometheus URL_A --context B --prometheus URL_B</c>). Any other count is refused.</summary>
public static class ContextTargets
{
    /// <summary>The targets in <c>--context</c> order (one null context when none is given), or the reason they are refused.</summary>
    /// <param name="contexts">The distinct <c>--context</c> values in the order given (<see cref="ClusterCliOptions.Contexts"/>).</param>
    /// <param name="prometheus">The <c>--prometheus</c> values in the order given.</param>
    /// <param name="grafana">The <c>--grafana</c> values in the order given.</param>
    public static (IReadOnlyList<ContextTarget>? Targets, string? Error) Pair(IReadOnlyList<string> contexts, IReadOnlyList<string> prometheus, IReadOnlyList<string> grafana)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(grafana);
        var error = CountError("--prometheus", prometheus.Count, contexts.Count) ?? CountError("--grafana", grafana.Count, contexts.Count);
        if (error is not null)
        {
            return (null, error);
        }

        if (contexts.Count == 0)
        {
            return ([new ContextTarget(null, At(prometheus, 0), At(grafana, 0))], null);
        }

        return ([.. contexts.Select((c, i) => new ContextTarget(c, At(prometheus, prometheus.Count == 1 ? 0 : i), At(grafana, grafana.Count == 1 ? 0 : i)))], null);
    }

    private static string? CountError(string option, int given, int contexts) =>
        given <= 1 || given == contexts
            ? null
            : contexts <= 1
                ? $"{option} is given {given} times for {(contexts == 0 ? "no --context" : "one --context")}; give it once, or once per --context of a suite (paired by order)"
                : $"{option} is given {given} times for {contexts} --context values; give it once (for every context) or once per --context, paired by order (--context A {option} URL_A --context B {option} URL_B)";

    private static string? At(IReadOnlyList<string> values, int index) => index < values.Count ? values[index] : null;
}
