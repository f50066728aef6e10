namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>The ConfigMap that holds the demo's flagd flag file.</summary>
/// <param name="Namespace">Namespace of the ConfigMap; null means the experiment's namespace.</param>
/// <param name="Name">ConfigMap name (demo chart default <c>flagd-config</c>).</param>
/// <param name="Key">Data key holding the JSON flag file (demo chart default <c>demo.flagd.json</c>).</param>
public sealed record FlagdConfigMapLocation(string? Namespace, string Name, string Key)
{
    /// <summary>The demo chart 0.41.0 default: <c>flagd-config</c> / <c>demo.flagd.json</c> in the experiment's namespace.</summary>
    public static FlagdConfigMapLocation Default { get; } = new(null, "flagd-config", "demo.flagd.json");
}
