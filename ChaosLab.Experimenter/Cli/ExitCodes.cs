using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Cli;

/// <summary>The process exit codes of every <c>chaoslab</c> command (a contract for CI scripts).</summary>
public static class ExitCodes
{
    /// <summary>Success; for <c>run</c>: the steady-state hypothesis held.</summary>
    public const int Success = 0;

    /// <summary>The hypothesis was violated or an expectation was missed.</summary>
    public const int HypothesisViolated = 1;

    /// <summary>Invalid input: bad arguments, files that do not parse or validate.</summary>
    public const int InvalidInput = 2;

    /// <summary>Aborted or inconclusive: the data or the cluster could not support a verdict.</summary>
    public const int AbortedOrInconclusive = 3;

    /// <summary>The exit code of a run that ended with <paramref name="outcome"/> (null: it never ended, e.g. a crashed run's journal).</summary>
    public static int For(RunOutcome? outcome) => outcome switch
    {
        RunOutcome.Held => Success,
        RunOutcome.Deviated => HypothesisViolated,
        _ => AbortedOrInconclusive,
    };
}
