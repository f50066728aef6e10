namespace ChaosLab.Experimenter.Experiments.Validation;

/// <summary>A problem found in a JSON document, by field path relative to the document.</summary>
/// <param name="Path">Field path (<c>spec.selector.mode</c>).</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record SchemaIssue(string Path, string Message);
