namespace ChaosLab.AppHost.Hosting.Processes;

/// <summary>The executable of a <see cref="ProcessSpec"/> is not on the PATH.</summary>
public sealed class ToolNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="tool"/>.</summary>
    public ToolNotFoundException(string tool)
        : base($"'{tool}' was not found on the PATH.")
    {
        Tool = tool;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ToolNotFoundException(string tool, string message, Exception? innerException)
        : base(message, innerException)
    {
        Tool = tool;
    }

    /// <summary>The tool's file name, e.g. <c>minikube</c>.</summary>
    public string Tool { get; }
}
