using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>One run's shared state: its journal, its writer and its observers.</summary>
internal sealed class RunContext(RunJournal journal, JournalWriter writer, IReadOnlyList<IRunObserver> observers, TimeProvider time)
{
    public RunJournal Journal => journal;

    public JournalWriter Writer => writer;

    public IReadOnlyList<IRunObserver> Observers => observers;

    public TimeProvider Time => time;

    public void Progress(RunPhase phase, string message, TimeSpan elapsed, TimeSpan? limit)
    {
        var e = new RunProgressEvent(journal.RunId, phase, message, elapsed, limit);
        foreach (var observer in observers)
        {
            observer.OnProgress(e);
        }
    }

    // The journal grows only through these: immutable records appended by the run's own parts.
    public void Record(ProbeSampleRecord sample)
    {
        journal.ProbeSamples.Add(sample);
        var e = new ProbeSampledEvent(journal.RunId, journal.Experiment, sample);
        foreach (var observer in observers)
        {
            observer.OnProbeSampled(e);
        }
    }

    public void Record(IEnumerable<ProbeVerdict> verdicts) => journal.Verdicts.AddRange(verdicts);

    public void PodRecovered(PodRecovery recovery)
    {
        journal.Analysis.PodRecovery.Add(recovery);
        var e = new PodsRecoveredEvent(journal.RunId, journal.Experiment, recovery);
        foreach (var observer in observers)
        {
            observer.OnPodsRecovered(e);
        }
    }

    public void Each(Action<IRunObserver> notify)
    {
        foreach (var observer in observers)
        {
            notify(observer);
        }
    }

    public Task SaveAsync() => writer.WriteAsync(journal);
}
