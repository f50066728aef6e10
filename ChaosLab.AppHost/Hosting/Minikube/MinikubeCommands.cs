using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.AppHost.Hosting.Minikube;

/// <summary>
/// The minikube command lines the lab runs. Every one carries <c>KUBECONFIG</c> pointed at the
/// profile's own kubeconfig, so the user's current context is never touched.
/// </summary>
public static class MinikubeCommands
{
    /// <summary><c>minikube profile list -o json</c>.</summary>
    public static ProcessSpec ProfileList(string kubeconfig) => Spec(kubeconfig, "profile", "list", "-o", "json");

    /// <summary><c>minikube start -p P --cpus N --memory M --container-runtime R [--driver D] [--kubernetes-version V]</c>.</summary>
    public static ProcessSpec Start(string kubeconfig, MinikubeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string>
        {
            "start", "-p", options.Profile,
            "--cpus", options.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--memory", options.Memory ?? MinikubeMemory.BaseGib.ToString(System.Globalization.CultureInfo.InvariantCulture) + "g",
            "--container-runtime", options.ContainerRuntime,
        };
        if (!string.IsNullOrWhiteSpace(options.Driver))
        {
            arguments.AddRange(["--driver", options.Driver]);
        }

        if (!string.IsNullOrWhiteSpace(options.KubernetesVersion))
        {
            arguments.AddRange(["--kubernetes-version", options.KubernetesVersion]);
        }

        return Spec(kubeconfig, [.. arguments]);
    }

    /// <summary><c>minikube update-context -p P</c>: writes the profile's context into the lab's kubeconfig.</summary>
    public static ProcessSpec UpdateContext(string kubeconfig, string profile) => Spec(kubeconfig, "update-context", "-p", profile);

    /// <summary><c>minikube stop -p P</c>.</summary>
    public static ProcessSpec Stop(string kubeconfig, string profile) => Spec(kubeconfig, "stop", "-p", profile);

    /// <summary><c>minikube delete -p P</c>.</summary>
    public static ProcessSpec Delete(string kubeconfig, string profile) => Spec(kubeconfig, "delete", "-p", profile);

    private static ProcessSpec Spec(string kubeconfig, params string[] arguments) =>
        new("minikube", arguments)
        {
            Environment = new Dictionary<string, string>
            {
                ["KUBECONFIG"] = kubeconfig,
                ["MINIKUBE_IN_STYLE"] = "false",
            },
        };
}
