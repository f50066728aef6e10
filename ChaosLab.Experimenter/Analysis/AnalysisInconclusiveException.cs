namespace ChaosLab.Experimenter.Analysis;

/// <summary>The data cannot support a verdict (no series, too few samples, Prometheus unreachable). The message is one line for people.</summary>
public sealed class AnalysisInconclusiveException : Exception
{
    /// <summary>Creates the exception with a one-line reason.</summary>
    public AnalysisInconclusiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line reason and its cause.</summary>
    public AnalysisInconclusiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a reason (exception pattern).</summary>
    public AnalysisInconclusiveException()
        : base("The data cannot support a verdict.")
    {
    }
}
