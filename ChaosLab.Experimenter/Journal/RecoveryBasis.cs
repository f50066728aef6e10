using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Journal;

/// <summary>Which measurement a recovery time came from: an SLI of the analysis, the target pods Ready again, or the
/// fault's removal. Written to the journal as <c>sli:&lt;name&gt;</c>, <c>pods</c> or <c>fault-removal</c>.</summary>
[JsonConverter(typeof(RecoveryBasisJsonConverter))]
public abstract record RecoveryBasis
{
    private RecoveryBasis()
    {
    }

    /// <summary>The target workload's pods Ready again (one-shot faults).</summary>
    public static RecoveryBasis Pods { get; } = new PodsReady();

    /// <summary>Fault end → the fault confirmed gone.</summary>
    public static RecoveryBasis FaultRemoval { get; } = new FaultRemoved();

    /// <summary>How the journal writes it.</summary>
    public abstract string Text { get; }

    /// <summary>The SLI named <paramref name="name"/>.</summary>
    public static RecoveryBasis Sli(string name) => new SliRecovered(name);

    /// <summary>Reads the journal's text form; null when it is none of the three.</summary>
    public static RecoveryBasis? Parse(string? text) => text switch
    {
        "pods" => Pods,
        "fault-removal" => FaultRemoval,
        { Length: > 4 } s when s.StartsWith("sli:", StringComparison.Ordinal) => Sli(s[4..]),
        _ => null,
    };

    /// <inheritdoc/>
    public sealed override string ToString() => this.Text;

    /// <summary>An SLI's time-to-recover.</summary>
    /// <param name="Name">The SLI (<c>error_ratio</c>, …).</param>
    public sealed record SliRecovered(string Name) : RecoveryBasis
    {
        /// <inheritdoc/>
        public override string Text => "sli:" + this.Name;
    }

    /// <summary>Pods Ready again.</summary>
    public sealed record PodsReady : RecoveryBasis
    {
        /// <inheritdoc/>
        public override string Text => "pods";
    }

    /// <summary>The fault confirmed gone.</summary>
    public sealed record FaultRemoved : RecoveryBasis
    {
        /// <inheritdoc/>
        public override string Text => "fault-removal";
    }
}
