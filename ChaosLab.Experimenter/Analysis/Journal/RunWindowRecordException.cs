namespace ChaosLab.Experimenter.Analysis.Journal;

/// <summary>A journal that cannot be re-analysed: unreadable (bad input) or incomplete (the run did not get that far).</summary>
public sealed class RunWindowRecordException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunWindowRecordException(string message, bool incomplete)
        : base(message)
    {
        Incomplete = incomplete;
    }

    /// <summary>Creates the exception (exception pattern).</summary>
    public RunWindowRecordException()
        : this("The journal cannot be re-analysed.", false)
    {
    }

    /// <summary>Creates the exception (exception pattern).</summary>
    public RunWindowRecordException(string message)
        : this(message, false)
    {
    }

    /// <summary>Creates the exception (exception pattern).</summary>
    public RunWindowRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the journal is valid but lacks a time (e.g. the run was aborted before the fault ended).</summary>
    public bool Incomplete { get; }
}
