namespace ChaosLab.AppHost.Hosting.Configuration;

/// <summary><c>Lab:Shop:*</c>: the Astronomy Shop release.</summary>
public sealed class ShopOptions
{
    /// <summary><c>Lab:Shop:Namespace</c> (default <c>astronomy-shop</c>).</summary>
    public string Namespace { get; set; } = "astronomy-shop";

    /// <summary>
    /// <c>Lab:Shop:ExportToAspire</c>: also send the shop collector's telemetry to the Aspire
    /// dashboard's OTLP endpoint (default false).
    /// </summary>
    public bool ExportToAspire { get; set; }
}
