namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>The cluster cannot be reached or configured; the message says why.</summary>
public sealed class ClusterConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterConnectionException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public ClusterConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public ClusterConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
