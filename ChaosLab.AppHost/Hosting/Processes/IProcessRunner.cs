namespace ChaosLab.AppHost.Hosting.Processes;

/// <summary>
/// Runs a command-line tool. The only way the hosting integration starts processes, so tests can
/// replace it with a fake that records exact command lines.
/// </summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> to completion and returns its exit code and output. A non-zero
    /// exit code is a result, not an exception. Cancellation kills the whole process tree and throws
    /// <see cref="OperationCanceledException"/>. A tool that is not on the PATH throws
    /// <see cref="ToolNotFoundException"/>.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}
