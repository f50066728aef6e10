using ChaosLab.Experimenter.Cli;

// `chaoslab` with no command runs the experimenter worker (that is how the AppHost starts it);
// `chaoslab validate|render|run|clean|abort|analyze …` are the command-line tools.
return await ChaosLabCli.InvokeAsync(args);
