namespace ChaosLab.Experimenter.Worker;

/// <summary>Where the worker's start-up cleanup stands.</summary>
public enum StartupCleanupState
{
    /// <summary>Not done yet: being tried, or waiting for the next attempt. Runs wait.</summary>
    Pending,

    /// <summary>Every leftover of earlier runs was removed. Runs may start.</summary>
    Succeeded,

    /// <summary><c>Lab:Experimenter:CleanOnStart=false</c>. Runs may start.</summary>
    Disabled,
}
