namespace ChaosLab.Tests.Hosting.Processes;

/// <summary>Writes small executable shell scripts into a temporary folder (Unix only); deletes them on dispose.</summary>
public sealed class StubExecutables : IDisposable
{
    /// <summary>The folder holding the stubs.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("chaoslab-stubs-").FullName;

    /// <summary>Writes <paramref name="name"/> with a bash <paramref name="body"/> and returns its full path.</summary>
    public string Write(string name, string body)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + body.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <inheritdoc />
    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
