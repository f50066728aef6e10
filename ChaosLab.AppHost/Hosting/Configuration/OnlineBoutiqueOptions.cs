namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:OnlineBoutique:*</c>: the second workload (used when <c>Lab:Workloads</c> names it).</summary>
public sealed class OnlineBoutiqueOptions
{
    /// <summary><c>Lab:OnlineBoutique:Namespace</c> (default <c>online-boutique</c>).</summary>
    public string Namespace { get; set; } = DefaultNamespace;

    /// <summary>The namespace the shipped Online Boutique experiments name, and by which the experimenter tells an Online
    /// Boutique experiment from an Astronomy Shop one.</summary>
    public const string DefaultNamespace = "online-boutique";

    /// <summary><c>Lab:OnlineBoutique:Timeout</c>: how long its deployments may take to become Available (default 10 min).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>Lab:OnlineBoutique:Tracing</c>: send the traces of its services that support it to the Astronomy Shop's
    /// collector (default false; needs the shop installed too, and is ignored with a warning otherwise).
    /// </summary>
    public bool Tracing { get; set; }
}
