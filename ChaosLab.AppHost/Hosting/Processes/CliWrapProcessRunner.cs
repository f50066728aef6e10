using System.Text;
using CliWrap;

namespace ChaosLab.AppHost.Hosting.Processes;

/// <summary>
/// <see cref="IProcessRunner"/> on CliWrap: arguments are passed as a list (no shell), output is
/// captured and streamed line by line, and cancellation kills the process with its whole tree.
/// </summary>
public sealed class CliWrapProcessRunner : IProcessRunner
{
    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var path = ExecutableLocator.Find(spec.FileName) ?? throw new ToolNotFoundException(spec.FileName);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outTarget = spec.OnOutputLine is { } onOut
            ? PipeTarget.Merge(PipeTarget.ToStringBuilder(stdout), PipeTarget.ToDelegate(onOut))
            : PipeTarget.ToStringBuilder(stdout);
        var errTarget = spec.OnErrorLine is { } onErr
            ? PipeTarget.Merge(PipeTarget.ToStringBuilder(stderr), PipeTarget.ToDelegate(onErr))
            : PipeTarget.ToStringBuilder(stderr);

        var command = Cli.Wrap(path)
            .WithArguments(spec.Arguments)
            .WithEnvironmentVariables(spec.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(outTarget)
            .WithStandardErrorPipe(errTarget);

        // CliWrap's forceful cancellation kills the entire process tree.
        var result = await command.ExecuteAsync(cancellationToken);
        return new ProcessResult(result.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
