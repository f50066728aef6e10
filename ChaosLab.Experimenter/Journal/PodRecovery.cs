namespace ChaosLab.Experimenter.Journal;

/// <summary>Pod-level recovery from Kubernetes watches: the workload's pods disrupted at one time and all
/// Ready again at another.</summary>
public sealed record PodRecovery(string Namespace, string Selector, DateTimeOffset DisruptedAt, DateTimeOffset? ReadyAt, int ExpectedReady)
{
    /// <summary>Ready minus disrupted, or null when the pods never became Ready in time.</summary>
    public TimeSpan? TimeToRecover => this.ReadyAt - this.DisruptedAt;
}
