namespace ChaosLab.Experimenter.Experiments.Demo;

/// <summary>One Deployment of the demo's default install: its replicas and the labels its pods carry.</summary>
/// <param name="Deployment">The Deployment's name (the component name).</param>
/// <param name="Replicas">Replicas in the default install.</param>
/// <param name="Labels">The pod template's labels.</param>
public sealed record DemoPodTemplate(string Deployment, int Replicas, IReadOnlyDictionary<string, string> Labels);
