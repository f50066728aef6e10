using System.Runtime.CompilerServices;

namespace ChaosLab.Tests.Support;

/// <summary>
/// The test process starts hundreds of hosts (fake API servers, workers, stub servers), many at once. By default every
/// host watches its appsettings files for changes, one inotify instance each, and Linux allows 128 per user: a busy
/// machine runs out and hosts fail to start ("The configured user limit (128) on the number of inotify instances has
/// been reached"). No test changes configuration files while a host runs, so the tests switch the reload off for every
/// host they start, through the hosting's own switch (<c>hostBuilder:reloadConfigOnChange</c>).
/// </summary>
internal static class NoConfigurationReload
{
    [ModuleInitializer]
    internal static void Initialize() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
