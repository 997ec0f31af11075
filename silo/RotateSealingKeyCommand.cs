using SkillsOrleans.Hosting.Configuration;
using SkillsOrleans.RuntimeHost.Sealing;

namespace SkillsOrleans.Silo;

/// <summary>
/// <c>SkillsOrleans.Silo rotate-sealing-key</c>, run on a runtime host with the runtime silo's environment: stages a
/// new sealing key beside the current one and prints its fingerprint. The next start of the runtime silo makes it
/// current; the old key keeps opening envelopes sealed to it for their longest lifetime, then is deleted
/// (docs/runtime/sealed-delivery.md#rotating-the-sealing-key).
/// </summary>
internal static class RotateSealingKeyCommand
{
    public static int Run(IConfiguration configuration)
    {
        var runtime = RuntimeHostSettings.From(configuration)
            ?? throw new InvalidOperationException("rotate-sealing-key runs on a runtime host: set RUNTIME_ID and RUNTIME_ACCOUNT as for its silo.");
        string fingerprint;
        try
        {
            fingerprint = RuntimeSealingKey.StageReplacement(runtime.SealingKeyFile);
        }
        catch (InvalidOperationException refused)
        {
            Console.Error.WriteLine(refused.Message);
            return 1;
        }

        Console.WriteLine($"staged sealing key {fingerprint} for runtime {runtime.RuntimeId}; restart its runtime silo to make it current");
        return 0;
    }
}
