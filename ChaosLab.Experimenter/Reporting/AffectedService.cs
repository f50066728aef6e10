namespace ChaosLab.Experimenter.Reporting;

/// <summary>A service whose SLIs left their band during the run (journal <c>analysis.affected[]</c>).</summary>
/// <param name="Service">The service.</param>
/// <param name="Slis">Per SLI: its name, time to detect and time to recover in seconds (null when not known).</param>
public sealed record AffectedService(string Service, IReadOnlyList<AffectedSli> Slis);
