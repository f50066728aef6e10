namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>Names of a Helm release resource's dashboard properties.</summary>
public static class HelmReleaseProperties
{
    /// <summary>The chart, e.g. <c>chaos-mesh/chaos-mesh</c>.</summary>
    public const string Chart = "helm.chart";

    /// <summary>The pinned chart version.</summary>
    public const string Version = "helm.version";

    /// <summary>The release revision.</summary>
    public const string Revision = "helm.revision";

    /// <summary>The namespace.</summary>
    public const string Namespace = "helm.namespace";

    /// <summary>The release status, e.g. <c>deployed</c>.</summary>
    public const string Status = "helm.status";

    /// <summary>What the last start did: installed, upgraded or skipped.</summary>
    public const string LastAction = "helm.last-action";

    /// <summary>The values fingerprint stored in the release description.</summary>
    public const string Fingerprint = "helm.values-fingerprint";
}
