namespace ChaosLab.Experimenter.Cli;

/// <summary>The configuration command-line tools build the engine from: the environment (<c>Lab__…</c>, as the
/// worker reads it) overridden by the command's own options.</summary>
public static class EngineConfiguration
{
    /// <summary>Environment variables, then <paramref name="overrides"/>.</summary>
    public static IConfiguration Build(IReadOnlyDictionary<string, string?> overrides) =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
}
