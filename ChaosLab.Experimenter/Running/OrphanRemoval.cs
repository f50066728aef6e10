namespace ChaosLab.Experimenter.Running;

/// <summary>The report line of one removal by <see cref="OrphanCleaner"/>: a Removed line when
/// <paramref name="Removed"/>, a Failed line otherwise.</summary>
internal readonly record struct OrphanRemoval(bool Removed, string Text);
