using DenialPipeline.LocalHost;

return await Cli.RunAsync(args);
