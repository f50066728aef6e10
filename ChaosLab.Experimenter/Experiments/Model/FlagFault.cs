namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>
/// A fault made by one of the demo's flagd flags: the flag's <c>defaultVariant</c> is set to
/// <see cref="Variant"/> for the fault window and back to <see cref="RestoreVariant"/> afterwards.
/// This is how gRPC calls are faulted at the application layer, where HTTPChaos cannot act.
/// </summary>
/// <param name="Flag">Flag name as in the demo's flag file (e.g. <c>adFailure</c>).</param>
/// <param name="Variant">The variant switched on for the fault (e.g. <c>on</c>, <c>50%</c>).</param>
/// <param name="RestoreVariant">The variant put back afterwards (normally <c>off</c>).</param>
/// <param name="ConfigMap">Where the flag file lives in the cluster.</param>
public sealed record FlagFault(string Flag, string Variant, string RestoreVariant, FlagdConfigMapLocation ConfigMap) : Fault
{
    /// <inheritdoc />
    public override bool IsOneShot => false;
}
