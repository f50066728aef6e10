namespace ChaosLab.Experimenter.Reporting;

/// <summary>One SLI of an affected service: time to detect and to recover, in seconds.</summary>
public sealed record AffectedSli(string Sli, double? TimeToDetectSeconds, double? TimeToRecoverSeconds);
