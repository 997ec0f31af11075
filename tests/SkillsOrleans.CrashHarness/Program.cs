using System.Runtime.InteropServices;
using SkillsOrleans.CrashHarness;

// The long soak: dotnet run --project tests/SkillsOrleans.CrashHarness -c Release -- --operations 1000 --kills 20 [--out figures.json]
HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

StackProcesses? stack = null;
void KillEverything(PosixSignalContext context)
{
    // Never leave processes behind: the silos, the APIs and PostgreSQL go with the harness.
    context.Cancel = true;
    Console.Error.WriteLine("interrupted: stopping every process of the run");
    stack?.DisposeAsync().AsTask().Wait();
    Environment.Exit(130);
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, KillEverything);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, KillEverything);

var figures = await CrashRun.RunAsync(options, Console.Out, started => stack = started);
figures.Print(Console.Out);
if (options.OutPath is { } outPath)
{
    await File.WriteAllTextAsync(outPath, figures.ToJson());
    Console.WriteLine($"figures written to {outPath}");
}

return figures.AcknowledgedAndLost == 0 && figures.ConfigOutOfStep == 0 && figures.FileViolations.Count == 0 ? 0 : 1;
