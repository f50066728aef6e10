using System.Collections.Concurrent;
using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Processes;

/// <summary>
/// A scripted <see cref="IProcessRunner"/>: records every command line exactly and answers by rule
/// (the last matching rule wins). Unscripted commands answer exit 127 so tests see them.
/// </summary>
public sealed class FakeProcessRunner : IProcessRunner
{
    private readonly List<(Func<ProcessSpec, bool> Match, Func<ProcessSpec, CancellationToken, Task<ProcessResult>> Answer)> _rules = [];
    private readonly ConcurrentQueue<ProcessSpec> _calls = new();
    private readonly Lock _gate = new();

    /// <summary>Tools that are "not on the PATH".</summary>
    public HashSet<string> MissingTools { get; } = new(StringComparer.Ordinal);

    /// <summary>Every invocation, in order.</summary>
    public IReadOnlyList<ProcessSpec> Calls => [.. _calls];

    /// <summary>Every command line, in order.</summary>
    public IReadOnlyList<string> CommandLines => [.. _calls.Select(c => c.CommandLine)];

    /// <summary>Answers commands whose line starts with <paramref name="prefix"/>.</summary>
    public FakeProcessRunner On(string prefix, int exitCode = 0, string stdout = "", string stderr = "") =>
        On(spec => spec.CommandLine.StartsWith(prefix, StringComparison.Ordinal), (_, _) => Task.FromResult(new ProcessResult(exitCode, stdout, stderr)));

    /// <summary>Answers matching commands with <paramref name="answer"/>.</summary>
    public FakeProcessRunner On(Func<ProcessSpec, bool> match, Func<ProcessSpec, CancellationToken, Task<ProcessResult>> answer)
    {
        lock (_gate)
        {
            _rules.Add((match, answer));
        }

        return this;
    }

    /// <summary>Command lines starting with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Matching(string prefix) => [.. CommandLines.Where(c => c.StartsWith(prefix, StringComparison.Ordinal))];

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        _calls.Enqueue(spec);
        if (MissingTools.Contains(spec.FileName))
        {
            throw new ToolNotFoundException(spec.FileName);
        }

        Func<ProcessSpec, CancellationToken, Task<ProcessResult>>? answer;
        lock (_gate)
        {
            answer = _rules.LastOrDefault(r => r.Match(spec)).Answer;
        }

        var result = answer is null
            ? new ProcessResult(127, string.Empty, $"fake: no script for '{spec.CommandLine}'")
            : await answer(spec, cancellationToken);
        foreach (var line in Lines(result.StandardOutput))
        {
            spec.OnOutputLine?.Invoke(line);
        }

        foreach (var line in Lines(result.StandardError))
        {
            spec.OnErrorLine?.Invoke(line);
        }

        return result;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
