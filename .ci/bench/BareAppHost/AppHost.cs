// The benchmark's baseline: what ChaosLab.AppHost was before the lab resources.
var builder = DistributedApplication.CreateBuilder(args);

builder.AddProject<Projects.ChaosLab_Experimenter>("experimenter");

await builder.Build().RunAsync();
