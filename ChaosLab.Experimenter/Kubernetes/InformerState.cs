namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>What an informer knows after a (re)list or one watch event: every object by
/// <c>namespace/name</c>. The dictionary is the informer's own; read it before asking for the next state.</summary>
public sealed record InformerState<T>(IReadOnlyDictionary<string, T> Objects, bool Relisted, WatchChange<T>? Change)
{
    /// <summary>The object with that namespace and name, or null when it does not exist (as far as is known).</summary>
    public T? Find(string? ns, string name) =>
        this.Objects.TryGetValue(Informer.Key(ns, name), out var found) ? found : default;
}
