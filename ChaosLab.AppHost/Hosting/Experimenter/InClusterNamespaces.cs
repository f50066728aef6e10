namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// The namespaces the in-cluster manifests are rendered for: the shop's (<c>Lab:Shop:Namespace</c>, where the worker runs)
/// and, when Online Boutique is installed, its namespace (<c>Lab:OnlineBoutique:Namespace</c>).
/// </summary>
/// <param name="Shop">The shop's namespace, which replaces <see cref="ShippedShop"/>.</param>
/// <param name="Boutique">Online Boutique's namespace, which replaces <see cref="ShippedBoutique"/>; null when it is not installed
/// (then that name is left as it is).</param>
public sealed record InClusterNamespaces(string Shop, string? Boutique = null)
{
    /// <summary>The shop namespace the shipped files name (the default of <c>Lab:Shop:Namespace</c>).</summary>
    public const string ShippedShop = "astronomy-shop";

    /// <summary>The Online Boutique namespace the shipped files name (the default of <c>Lab:OnlineBoutique:Namespace</c>).</summary>
    public const string ShippedBoutique = "online-boutique";

    /// <summary>Shipped namespace → configured namespace, for every namespace this lab has.</summary>
    public IReadOnlyDictionary<string, string> Replacements =>
        this.Boutique is null
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [ShippedShop] = this.Shop }
            : new Dictionary<string, string>(StringComparer.Ordinal) { [ShippedShop] = this.Shop, [ShippedBoutique] = this.Boutique };

    /// <summary>What cluster-scoped names get as a suffix: the shop's namespace when it is not the shipped one (it is where
    /// the worker runs, so it tells two labs apart), else null (the shipped names are kept).</summary>
    public string? ClusterScopedSuffix => this.Shop == ShippedShop ? null : this.Shop;
}
