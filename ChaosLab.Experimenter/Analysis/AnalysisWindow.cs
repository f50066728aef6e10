namespace ChaosLab.Experimenter.Analysis;

/// <summary>The four moments of one experiment: baseline is <see cref="From"/>→<see cref="FaultStart"/>, the fault is
/// <see cref="FaultStart"/>→<see cref="FaultEnd"/>, recovery is watched until <see cref="To"/>.</summary>
public sealed record AnalysisWindow(DateTimeOffset From, DateTimeOffset FaultStart, DateTimeOffset FaultEnd, DateTimeOffset To)
{
    /// <summary>The first problem with the order of the four times, or null when they are in order.</summary>
    public string? Problem() =>
        From >= FaultStart ? "--from must be before --fault-start"
        : FaultEnd < FaultStart ? "--fault-end must not be before --fault-start"
        : To <= FaultEnd ? "--to must be after --fault-end"
        : null;
}
