namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>What became of a delete: done (or already gone), or failed after every attempt.</summary>
public sealed record DeleteOutcome(string Kind, string Namespace, string Name, bool Succeeded, bool AlreadyGone, int Attempts, string? Error)
{
    /// <summary>A one-line description.</summary>
    public override string ToString() => this.Succeeded
        ? $"{this.Kind} {this.Namespace}/{this.Name}: {(this.AlreadyGone ? "already gone" : "deleted")} ({this.Attempts} attempt(s))"
        : $"{this.Kind} {this.Namespace}/{this.Name}: {this.Error} ({this.Attempts} delete attempt(s))";
}
