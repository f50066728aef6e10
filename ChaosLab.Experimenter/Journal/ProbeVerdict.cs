namespace ChaosLab.Experimenter.Journal;

/// <summary>The verdict on one probe in one phase.</summary>
/// <param name="Probe">The probe's name.</param>
/// <param name="Phase">The phase judged.</param>
/// <param name="Held">True: held; false: violated; null: inconclusive (every sample of the phase could not be read).</param>
/// <param name="Detail">What was seen, in words (inconclusive samples are counted here).</param>
public sealed record ProbeVerdict(string Probe, RunPhase Phase, bool? Held, string Detail)
{
    /// <summary>Samples of this probe in this phase that could not be read (listed, never counted as violations).</summary>
    public int InconclusiveSamples { get; init; }
}
