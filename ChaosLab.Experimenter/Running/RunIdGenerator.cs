using System.Globalization;
using System.Security.Cryptography;

namespace ChaosLab.Experimenter.Running;

/// <summary>Run ids: UTC time plus 4 random characters, e.g. <c>20261126-071500-k3x9</c> (a valid label value).</summary>
public static class RunIdGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new run id.</summary>
    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return stamp + "-" + RandomNumberGenerator.GetString(Alphabet, 4);
    }
}
