namespace ChaosLab.AppHost.Hosting.Processes;

/// <summary>One tool invocation: an executable and an argument list (never a shell string).</summary>
/// <param name="FileName">The tool, e.g. <c>helm</c>; looked up on the PATH when it has no directory.</param>
/// <param name="Arguments">The arguments, passed to the process one by one.</param>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Environment variables set for this process on top of the AppHost's own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Called with each line the process writes to stdout, as it is written.</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Called with each line the process writes to stderr, as it is written.</summary>
    public Action<string>? OnErrorLine { get; init; }

    /// <summary>The command line for logs and tests: the file name and arguments joined by spaces.</summary>
    public string CommandLine => Arguments.Count == 0 ? FileName : $"{FileName} {string.Join(' ', Arguments)}";

    /// <inheritdoc />
    public override string ToString() => CommandLine;
}
