namespace ChaosLab.Experimenter.Grafana;

/// <summary>Grafana did not take an annotation (not there, refused, timed out, or answered an error status).</summary>
public sealed class GrafanaUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrafanaUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrafanaUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public GrafanaUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
