using System.Globalization;

namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary>
/// The minikube memory the lab asks for when <c>Lab:Minikube:Memory</c> is unset, from what it installs: 12g for
/// Chaos Mesh and the Astronomy Shop (the shop's limits alone add up to about 8 GiB); +4g when Istio puts sidecars into
/// the shop (istiod asks for about 2 GiB, each of the shop's ~25 sidecars about 128 MiB); +3g when Online Boutique runs
/// beside the shop (the memory limits of its release manifest add up to 2542 MiB, its requests to 1368 MiB); 6g for
/// Chaos Mesh and Online Boutique alone (upstream runs it on a 4 GiB minikube; Chaos Mesh requests about 1.1 GiB).
/// An explicit value is kept as given; below the estimate it is warned about (<see cref="LabWarnings"/>).
/// </summary>
public static class MinikubeMemory
{
    /// <summary>Chaos Mesh and the Astronomy Shop (the shop's limits alone add up to about 8 GiB); also the fallback.</summary>
    public const int BaseGib = 12;

    /// <summary>Chaos Mesh and Online Boutique without the shop.</summary>
    public const int OnlineBoutiqueAloneGib = 6;

    /// <summary>Added when Istio is on (istiod and the shop's sidecars).</summary>
    public const int IstioGib = 4;

    /// <summary>Added when Online Boutique runs beside the shop (its limits, 2542 MiB, rounded up).</summary>
    public const int OnlineBoutiqueGib = 3;

    /// <summary>The estimate for <paramref name="options"/>' workloads and Istio, e.g. <c>12g</c>, <c>15g</c>, <c>19g</c>.</summary>
    public static string Estimate(LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var gib = options.HasOnlineBoutique && !options.HasShop ? OnlineBoutiqueAloneGib : BaseGib;
        if (options.Istio.Enabled && options.HasShop)
        {
            gib += IstioGib;
        }

        if (options.HasShop && options.HasOnlineBoutique)
        {
            gib += OnlineBoutiqueGib;
        }

        return gib.ToString(CultureInfo.InvariantCulture) + "g";
    }

    /// <summary>A minikube size (<c>12g</c>, <c>12gb</c>, <c>12288m</c>, <c>12288</c> = MB) in MiB, or null when it is not one.</summary>
    public static long? ToMebibytes(string? size)
    {
        if (string.IsNullOrWhiteSpace(size))
        {
            return null;
        }

        var text = size.Trim().ToLowerInvariant();
        var unit = text.TrimStart("0123456789".ToCharArray());
        if (!long.TryParse(text[..^unit.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return unit switch
        {
            "g" or "gb" => number * 1024,
            "" or "m" or "mb" => number,
            _ => null,
        };
    }
}
