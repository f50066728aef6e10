var builder = DistributedApplication.CreateBuilder(args);

builder.AddProject<Projects.ChaosLab_Experimenter>("experimenter");

await builder.Build().RunAsync();
