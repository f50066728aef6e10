namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>A watch could not be kept open (the last failure is the inner exception).</summary>
public sealed class WatchFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WatchFailedException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public WatchFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and the last failure.</summary>
    public WatchFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
