using System.Text.Json.Serialization;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>One selected target: <c>id</c> is <c>&lt;ns&gt;/&lt;pod&gt;[/&lt;container&gt;]</c>.</summary>
public sealed record ChaosContainerRecord
{
    /// <summary>Phase "Injected".</summary>
    public const string Injected = "Injected";

    /// <summary>Phase "Not Injected".</summary>
    public const string NotInjected = "Not Injected";

    /// <summary>The target id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Which selector chose it.</summary>
    [JsonPropertyName("selectorKey")]
    public string? SelectorKey { get; init; }

    /// <summary><c>Injected</c>, <c>Not Injected</c>, <c>Injected/Wait</c>, <c>Not Injected/Wait</c>.</summary>
    [JsonPropertyName("phase")]
    public string Phase { get; init; } = "";

    /// <summary>How many times the fault was applied.</summary>
    [JsonPropertyName("injectedCount")]
    public int InjectedCount { get; init; }

    /// <summary>How many times it was recovered.</summary>
    [JsonPropertyName("recoveredCount")]
    public int RecoveredCount { get; init; }

    /// <summary>Apply/Recover outcomes.</summary>
    [JsonPropertyName("events")]
    public IReadOnlyList<ChaosRecordEvent>? Events { get; init; }

    /// <summary>The pod's namespace and name from the id.</summary>
    public (string Namespace, string Pod) PodKey
    {
        get
        {
            var parts = this.Id.Split('/');
            return parts.Length >= 2 ? (parts[0], parts[1]) : ("", this.Id);
        }
    }

    /// <summary>A one-line summary, including the last failure message if any.</summary>
    public string Describe()
    {
        var failure = this.Events?.LastOrDefault(e => e.Type == "Failed");
        return failure is null
            ? $"{this.Id}: {this.Phase}"
            : $"{this.Id}: {this.Phase} ({failure.Operation} failed: {failure.Message})";
    }
}
