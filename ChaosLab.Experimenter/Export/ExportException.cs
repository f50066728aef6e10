namespace ChaosLab.Experimenter.Export;

/// <summary>The source cannot be exported (nothing of it can run in-cluster, or no schedule was given).</summary>
public sealed class ExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExportException()
    {
    }

    /// <summary>Creates the exception with a message for people.</summary>
    public ExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
