using ChaosLab.Experimenter.Journal;

namespace ChaosLab.Experimenter.Running;

/// <summary>Puts one kind of fault in place and takes it away again. Cleanup is idempotent.</summary>
internal interface IFaultDriver
{
    /// <summary>What the fault is (kind, namespace, name) for the journal.</summary>
    InjectionRecord Record { get; }

    /// <summary>The namespaces the fault acts in (each is locked by a Lease while the fault is in place).</summary>
    IReadOnlyList<string> TargetNamespaces { get; }

    /// <summary>Completes with the moment the fault disappeared while it should have been in place (removed
    /// by someone else after injection, before the run's own recovery); never completes otherwise.</summary>
    Task<DateTimeOffset> FaultRemoved { get; }

    /// <summary>Checks that the fault can be applied; throws <see cref="RunFailedException"/> with the reason.</summary>
    Task PreflightAsync(CancellationToken cancellationToken);

    /// <summary>Applies the fault and waits until it is confirmed in place.</summary>
    Task InjectAsync(CancellationToken cancellationToken);

    /// <summary>Removes the fault (or waits for one-shot targets) and waits until recovered.</summary>
    Task RecoverAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Makes sure nothing of the fault is left; never throws for API errors (records them).</summary>
    Task CleanupAsync(CleanupRecord cleanup, CancellationToken cancellationToken);
}
