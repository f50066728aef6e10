using System.Security.Cryptography;
using System.Text;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Experimenter.Api;

/// <summary>The bearer token the worker's API requires: <c>CHAOSLAB_API_TOKEN</c> when set (the AppHost sets a
/// random one per start), otherwise a random one made at start and written to
/// <c>Lab:Experimenter:ApiTokenFile</c> (default <c>~/.chaoslab/worker-token</c>, readable only by the user).
/// Only its hash is kept; the token is never logged.</summary>
public sealed partial class ApiToken
{
    /// <summary>The environment variable (or configuration key) that holds the token.</summary>
    public const string Variable = "CHAOSLAB_API_TOKEN";

    private readonly byte[] hash;

    private ApiToken(string token, string source)
    {
        this.hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        this.Source = source;
    }

    /// <summary>Where the token came from: the variable's name, or the file the worker wrote it to.</summary>
    public string Source { get; }

    /// <summary>A new random token (256 bits, URL-safe).</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The token from <see cref="Variable"/>, or a new one written to the token file.</summary>
    public static ApiToken Resolve(IConfiguration configuration, SchedulerOptions options, ILogger<ApiToken> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (configuration[Variable] is { Length: > 0 } given)
        {
            LogFromVariable(logger, Variable);
            return new ApiToken(given.Trim(), Variable);
        }

        var token = Generate();
        WriteUserOnly(options.ApiTokenFile, token);
        LogWritten(logger, options.ApiTokenFile);
        return new ApiToken(token, options.ApiTokenFile);
    }

    /// <summary>True when <paramref name="presented"/> is the token (compared in constant time, by hash).</summary>
    public bool Matches(string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), this.hash);

    /// <summary>Writes the file atomically, mode 600 on Unix (its folder 700 when created here).</summary>
    private static void WriteUserOnly(string path, string token)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, Encoding.ASCII, file))
        {
            writer.Write(token);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A leftover temporary file of an earlier start keeps its old mode: set it again.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker API: requests need 'Authorization: Bearer <token>' with the token from {Variable}")]
    private static partial void LogFromVariable(ILogger logger, string variable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker API: requests need 'Authorization: Bearer <token>'; a new token was written to {File} (readable only by you; set CHAOSLAB_API_TOKEN to choose one)")]
    private static partial void LogWritten(ILogger logger, string file);
}
