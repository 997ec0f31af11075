using SkillsOrleans.Cli;

return await OperatorCommands.RunAsync(args, Console.Out, Console.Error, ApiConnection.FromEnvironment);
