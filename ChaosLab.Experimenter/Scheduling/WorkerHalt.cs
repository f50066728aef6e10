namespace ChaosLab.Experimenter.Scheduling;

/// <summary>The worker's halt switch. <see cref="Begin"/> starts a halt (until <see cref="Resume"/>, or for
/// <c>Lab:Experimenter:HaltHold</c>); <see cref="CancelAdmitted"/> then cancels <see cref="Token"/>, which every
/// queued run, suite and cooldown admitted before it watches; work admitted later gets a fresh token.</summary>
public sealed class WorkerHalt(SchedulerOptions options, TimeProvider time) : IDisposable
{
    private readonly Lock gate = new();
    private CancellationTokenSource generation = new();
    private HaltStatus? halt;

    /// <summary>The halt in force, or null (a hold that has ended counts as resumed).</summary>
    public HaltStatus? Current
    {
        get
        {
            lock (this.gate)
            {
                if (this.halt?.Until is { } until && time.GetUtcNow() >= until)
                {
                    this.halt = null;
                }

                return this.halt;
            }
        }
    }

    /// <summary>Cancelled by the next <see cref="CancelAdmitted"/>.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (this.gate)
            {
                return this.generation.Token;
            }
        }
    }

    /// <summary>Halts the worker (keeps the first halt's time when already halted); returns the halt in force.</summary>
    public HaltStatus Begin(string reason)
    {
        lock (this.gate)
        {
            var now = time.GetUtcNow();
            this.halt = this.halt is { } existing && (existing.Until is null || existing.Until > now)
                ? existing
                : new HaltStatus(now, reason, options.HaltHold is { } hold ? now + hold : null);
            return this.halt;
        }
    }

    /// <summary>Cancels the work admitted so far (its <see cref="Token"/>); later work gets a fresh token.</summary>
    public void CancelAdmitted()
    {
        CancellationTokenSource cancelled;
        lock (this.gate)
        {
            cancelled = this.generation;
            this.generation = new CancellationTokenSource();
        }

        // Not disposed: tokens taken from it stay readable; it holds no timer.
        cancelled.Cancel();
    }

    /// <summary>Lifts the halt; returns the halt that was in force, or null when there was none.</summary>
    public HaltStatus? Resume()
    {
        lock (this.gate)
        {
            var was = this.halt?.Until is { } until && time.GetUtcNow() >= until ? null : this.halt;
            this.halt = null;
            return was;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (this.gate)
        {
            this.generation.Dispose();
        }
    }
}
