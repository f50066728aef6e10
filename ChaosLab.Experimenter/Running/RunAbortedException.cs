namespace ChaosLab.Experimenter.Running;

/// <summary>A guardrail tripped or an operator aborted the run.</summary>
public sealed class RunAbortedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunAbortedException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public RunAbortedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public RunAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
