using System.Text;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// Writes the <c>chaoslab-api-token</c> Secret manifest to a mode-600 file in the state directory, so
/// <c>kubectl apply -f</c> creates it without the token ever being on a command line or in a log.
/// </summary>
public static class TokenSecretFile
{
    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "chaoslab-api-token.secret.yaml";

    /// <summary>Writes the manifest and returns its path; the caller deletes it after the apply.</summary>
    public static string Write(InClusterExperimenterResource experimenter)
    {
        ArgumentNullException.ThrowIfNull(experimenter);
        Directory.CreateDirectory(experimenter.StateDirectory);
        var path = Path.Combine(experimenter.StateDirectory, FileName);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // FileMode.Create keeps an existing file's mode; remove it first so a left-over file cannot stay readable.
        File.Delete(path);
        using var writer = new StreamWriter(path, Encoding.UTF8, options);
        writer.Write(Manifest(experimenter.Namespace, experimenter.ApiToken));
        return path;
    }

    /// <summary>The Secret manifest (token as <c>stringData</c>, a double-quoted YAML string; the token is URL-safe base64).</summary>
    public static string Manifest(string @namespace, string token) =>
        $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {InClusterExperimenterResource.TokenSecretName}
          namespace: {@namespace}
          labels:
            app.kubernetes.io/name: chaoslab-experimenter
        type: Opaque
        stringData:
          token: "{token}"

        """;
}
