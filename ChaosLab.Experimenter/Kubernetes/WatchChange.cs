using k8s;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>One change seen on a watch.</summary>
public readonly record struct WatchChange<T>(WatchEventType Type, T Item);
