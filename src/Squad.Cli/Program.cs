using Squad.Cli;

return await SquadCli.InvokeAsync(args, Console.Out, Console.Error);
