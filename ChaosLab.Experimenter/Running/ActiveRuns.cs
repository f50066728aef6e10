using System.Collections.Concurrent;

namespace ChaosLab.Experimenter.Running;

/// <summary>The runs in progress in this process: orphan cleanup leaves their objects alone, and
/// "abort all" cancels them.</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<string, Entry> runs = new();
    private readonly ConcurrentDictionary<string, byte> abortedBeforeRegistering = new();

    /// <summary>Run ids currently running.</summary>
    public IReadOnlyCollection<string> Ids => [.. this.runs.Keys];

    /// <summary>Registers a run; dispose the result when it ends. The token is cancelled by <see cref="AbortAll"/>.</summary>
    public Registration Register(string runId, CancellationToken cancellationToken)
    {
        var entry = new Entry(CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
        this.runs[runId] = entry;
        if (this.abortedBeforeRegistering.TryRemove(runId, out _))
        {
            entry.Aborted = true;
            entry.Source.Cancel();
        }

        return new Registration(this, runId, entry);
    }

    /// <summary>True when the run was aborted by an operator (not interrupted by shutdown).</summary>
    public bool WasAborted(string runId) => this.runs.TryGetValue(runId, out var entry) && entry.Aborted;

    /// <summary>Aborts one run: at once when it is registered, otherwise as soon as it registers (a run the
    /// worker has just started may not have reached its registration yet).</summary>
    public void Abort(string runId)
    {
        if (this.runs.TryGetValue(runId, out var entry))
        {
            entry.Aborted = true;
            entry.Source.Cancel();
            return;
        }

        this.abortedBeforeRegistering[runId] = 0;
        if (this.runs.TryGetValue(runId, out entry) && this.abortedBeforeRegistering.TryRemove(runId, out _))
        {
            // It registered meanwhile.
            entry.Aborted = true;
            entry.Source.Cancel();
        }
    }

    /// <summary>Cancels every active run as an abort; returns how many.</summary>
    public int AbortAll()
    {
        var count = 0;
        foreach (var entry in this.runs.Values)
        {
            entry.Aborted = true;
            entry.Source.Cancel();
            count++;
        }

        return count;
    }

    /// <summary>One run's registration.</summary>
    public sealed class Registration : IDisposable
    {
        private readonly ActiveRuns owner;
        private readonly string runId;
        private readonly Entry entry;

        internal Registration(ActiveRuns owner, string runId, Entry entry)
        {
            this.owner = owner;
            this.runId = runId;
            this.entry = entry;
        }

        /// <summary>Cancelled when the caller cancels or an operator aborts.</summary>
        public CancellationToken Token => this.entry.Source.Token;

        /// <summary>True when an operator aborted the run.</summary>
        public bool Aborted => this.entry.Aborted;

        /// <inheritdoc/>
        public void Dispose()
        {
            this.owner.runs.TryRemove(this.runId, out _);
            this.entry.Source.Dispose();
        }
    }

    internal sealed class Entry(CancellationTokenSource source)
    {
        public CancellationTokenSource Source { get; } = source;

        public volatile bool Aborted;
    }
}
