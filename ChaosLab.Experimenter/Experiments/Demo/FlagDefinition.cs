namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>One flag of a flagd flag file.</summary>
/// <param name="Name">Flag key.</param>
/// <param name="DefaultVariant">The variant in force when nobody switches it.</param>
/// <param name="Variants">Variant names, in file order.</param>
/// <param name="Description">The file's description.</param>
public sealed record FlagDefinition(string Name, string DefaultVariant, IReadOnlyList<string> Variants, string Description);
