namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>The fake API server plus its simulated controllers, seeded with the demo: what the
/// experimenter's tests run against.</summary>
public sealed class FakeCluster : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "chaoslab-fake-" + Guid.NewGuid().ToString("N")[..8]);

    private FakeCluster(FakeKubernetesApi api, FakeClusterOptions options, SimulatedDeploymentController deployments, SimulatedChaosMeshController chaosMesh)
    {
        this.Api = api;
        this.Options = options;
        this.Deployments = deployments;
        this.ChaosMesh = chaosMesh;
        this.KubeconfigPath = api.WriteKubeconfig(this.directory);
    }

    /// <summary>The API server.</summary>
    public FakeKubernetesApi Api { get; }

    /// <summary>The options in force.</summary>
    public FakeClusterOptions Options { get; }

    /// <summary>The simulated deployment controller.</summary>
    public SimulatedDeploymentController Deployments { get; }

    /// <summary>The simulated Chaos Mesh controller.</summary>
    public SimulatedChaosMeshController ChaosMesh { get; }

    /// <summary>A kubeconfig whose context <see cref="FakeKubernetesApi.ContextName"/> points here.</summary>
    public string KubeconfigPath { get; }

    /// <summary>The store (shortcut).</summary>
    public FakeObjectStore Store => this.Api.Store;

    /// <summary>A scratch folder for the test (journals), removed on dispose.</summary>
    public string ScratchDirectory => this.directory;

    /// <summary>Starts the server, seeds the demo (and Online Boutique when asked) and starts the controllers.</summary>
    public static async Task<FakeCluster> StartAsync(FakeClusterOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeClusterOptions();
        time ??= TimeProvider.System;
        var api = await FakeKubernetesApi.StartAsync(time, cancellationToken);
        api.ServesIstio = options.Istio;
        if (options.SeedDemo)
        {
            DemoClusterSeed.Seed(api.Store, options.DemoNamespace, time);
        }

        if (options.BoutiqueNamespace is { } boutique)
        {
            BoutiqueClusterSeed.Seed(api.Store, boutique, time);
        }

        var deployments = new SimulatedDeploymentController(api.Store, options, time);
        var chaosMesh = new SimulatedChaosMeshController(api.Store, options, time, deployments.RestartContainer);
        deployments.Start();
        chaosMesh.Start();
        return new FakeCluster(api, options, deployments, chaosMesh);
    }

    /// <summary>Stops everything and removes the scratch folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await this.ChaosMesh.DisposeAsync();
        await this.Deployments.DisposeAsync();
        await this.Api.DisposeAsync();
        if (Directory.Exists(this.directory))
        {
            Directory.Delete(this.directory, recursive: true);
        }
    }
}
