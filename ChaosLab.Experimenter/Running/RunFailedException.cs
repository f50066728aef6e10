namespace ChaosLab.Experimenter.Running;

/// <summary>A phase could not do its job; the message is the reason recorded in the journal.</summary>
public sealed class RunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunFailedException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public RunFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public RunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
