using System.Diagnostics.CodeAnalysis;

namespace ChaosLab.Experimenter.Experiments.Model;

/// <summary>Names that go with each <see cref="ChaosKind"/>: API version, resource plural, CRD file.</summary>
public static class ChaosKinds
{
    /// <summary>The API group of every chaos kind.</summary>
    public const string Group = "chaos-mesh.org";

    /// <summary>The served version.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>chaos-mesh.org/v1alpha1</c>.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>Every supported kind, in declaration order.</summary>
    public static IReadOnlyList<ChaosKind> All { get; } = Enum.GetValues<ChaosKind>();

    /// <summary>The kind's name as written in manifests (<c>PodChaos</c>).</summary>
    public static string KindName(ChaosKind kind) => kind.ToString();

    /// <summary>The REST resource plural (<c>podchaos</c>, <c>networkchaos</c>, …).</summary>
    public static string Plural(ChaosKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The CRD name (<c>podchaos.chaos-mesh.org</c>).</summary>
    public static string CrdName(ChaosKind kind) => Plural(kind) + "." + Group;

    /// <summary>Parses a manifest <c>kind</c> exactly (case-sensitive, as the API server does).</summary>
    public static bool TryParse(string? kindName, [NotNullWhen(true)] out ChaosKind? kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), kindName, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = null;
        return false;
    }
}
