namespace ChaosLab.AppHost.Hosting;

/// <summary>A lab step failed for a reason a person can act on; the message is that reason.</summary>
public sealed class LabStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LabStepException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public LabStepException()
    {
    }
}
