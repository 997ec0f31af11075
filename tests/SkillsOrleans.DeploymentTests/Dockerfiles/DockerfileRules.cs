using System.Text.RegularExpressions;

namespace SkillsOrleans.DeploymentTests.Dockerfiles;

/// <summary>
/// The hadolint rules this project holds its Dockerfiles to (hadolint itself is not packaged for Debian or npm).
/// Each problem starts with the hadolint rule id, so its documentation explains it. Shell inside RUN is checked by
/// shellcheck separately (<see cref="DockerfileLintTests"/>), as hadolint does.
/// </summary>
internal static partial class DockerfileRules
{
    public static IReadOnlyList<string> Check(DockerfileSource file)
    {
        var problems = new List<string>();
        void Problem(DockerInstruction at, string rule, string text) => problems.Add($"{rule} {file.Path}:{at.Line}: {text}");

        var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pipefail = new HashSet<int>();
        foreach (var instruction in file.Instructions)
        {
            var arguments = instruction.Arguments;
            switch (instruction.Keyword)
            {
                case "FROM":
                    var from = FromPattern().Match(arguments);
                    var image = Substitute(file, from.Groups["image"].Value);
                    if (!stageNames.Contains(image))
                    {
                        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
                        if (!lastSegment.Contains(':', StringComparison.Ordinal) && !image.Contains('@', StringComparison.Ordinal))
                        {
                            Problem(instruction, "DL3006", $"image '{image}' has no tag");
                        }
                        else if (lastSegment.EndsWith(":latest", StringComparison.Ordinal))
                        {
                            Problem(instruction, "DL3007", $"image '{image}' uses the latest tag");
                        }
                    }

                    if (from.Groups["stage"].Success)
                    {
                        stageNames.Add(from.Groups["stage"].Value);
                    }

                    break;
                case "ADD":
                    Problem(instruction, "DL3020", "use COPY for files and folders");
                    break;
                case "WORKDIR":
                    if (!arguments.StartsWith('/') && !arguments.StartsWith('$'))
                    {
                        Problem(instruction, "DL3000", $"WORKDIR '{arguments}' is not absolute");
                    }

                    break;
                case "CMD" or "ENTRYPOINT":
                    if (!arguments.StartsWith('['))
                    {
                        Problem(instruction, "DL3025", $"{instruction.Keyword} in shell form");
                    }

                    break;
                case "HEALTHCHECK":
                    var command = HealthcheckCommand().Match(arguments);
                    if (arguments != "NONE" && (!command.Success || !command.Groups["command"].Value.StartsWith('[')))
                    {
                        Problem(instruction, "DL3025", "HEALTHCHECK CMD in shell form");
                    }

                    break;
                case "SHELL":
                    if (arguments.Contains("pipefail", StringComparison.Ordinal))
                    {
                        pipefail.Add(instruction.Stage);
                    }

                    break;
                case "ENV" or "ARG":
                    foreach (Match pair in Assignment().Matches(arguments))
                    {
                        if (SecretName().IsMatch(pair.Groups["name"].Value) && pair.Groups["value"].Value.Trim('"').Length > 0)
                        {
                            Problem(instruction, "DL-SECRET", $"{instruction.Keyword} {pair.Groups["name"].Value} holds a value; pass secrets at run time");
                        }
                    }

                    break;
                case "RUN":
                    CheckRun(instruction, pipefail.Contains(instruction.Stage), Problem);
                    break;
            }
        }

        var users = file.Named("USER").Where(user => user.Stage == file.FinalStage).ToList();
        var finalFrom = file.Named("FROM").Last();
        if (users.Count == 0)
        {
            Problem(finalFrom, "DL3002", "the final stage runs as root (no USER)");
        }
        else if (users[^1].Arguments.Split(':')[0] is "root" or "0")
        {
            Problem(users[^1], "DL3002", "the final stage's last USER is root");
        }

        if (!file.Named("HEALTHCHECK").Any(check => check.Stage == file.FinalStage))
        {
            Problem(finalFrom, "DL-HEALTH", "the final stage has no HEALTHCHECK");
        }

        return problems;
    }

    private static void CheckRun(DockerInstruction run, bool pipefail, Action<DockerInstruction, string, string> problem)
    {
        var script = run.Arguments;
        if (script.Contains("apt-get install", StringComparison.Ordinal) || script.Contains("apt install", StringComparison.Ordinal))
        {
            if (!script.Contains("--no-install-recommends", StringComparison.Ordinal))
            {
                problem(run, "DL3015", "apt-get install without --no-install-recommends");
            }

            if (!AptYes().IsMatch(script))
            {
                problem(run, "DL3014", "apt-get install without -y");
            }

            if (!script.Contains("rm -rf /var/lib/apt/lists", StringComparison.Ordinal))
            {
                problem(run, "DL3009", "apt lists are not removed in the same RUN");
            }
        }

        if (script.Contains("apt-get update", StringComparison.Ordinal) && !script.Contains("apt-get install", StringComparison.Ordinal))
        {
            problem(run, "DL3009", "apt-get update alone in a RUN");
        }

        foreach (Match install in NpmGlobalInstall().Matches(script))
        {
            foreach (var package in install.Groups["packages"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith('-')))
            {
                if (!package.Trim('"', '\'').TrimStart('@').Contains('@', StringComparison.Ordinal))
                {
                    problem(run, "DL3016", $"npm package {package} is not pinned to a version");
                }
            }
        }

        if (script.Contains("sudo ", StringComparison.Ordinal))
        {
            problem(run, "DL3004", "sudo in a RUN");
        }

        if (CdCommand().IsMatch(script))
        {
            problem(run, "DL3003", "cd in a RUN: use WORKDIR");
        }

        if (Pipe().IsMatch(script) && !pipefail)
        {
            problem(run, "DL4006", "a pipe without SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]");
        }
    }

    private static string Substitute(DockerfileSource file, string text) =>
        ArgReference().Replace(text, match => file.ArgDefault(match.Groups["name"].Value) ?? match.Value);

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<stage>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex ArgReference();

    [GeneratedRegex(@"(^|\s)CMD\s+(?<command>.*)$")]
    private static partial Regex HealthcheckCommand();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(PASSWORD|TOKEN|SECRET|API_KEY)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"apt(-get)? install[^&;|]*\s(-y|--yes|-[a-z]*y[a-z]*)\b")]
    private static partial Regex AptYes();

    [GeneratedRegex(@"npm (install|i) (?<packages>(?:[^&;|]*?))\s*(&&|;|\||$)")]
    private static partial Regex NpmGlobalInstall();

    [GeneratedRegex(@"(^|&&|;|\|\|)\s*cd\s")]
    private static partial Regex CdCommand();

    [GeneratedRegex(@"[^|]\|[^|]")]
    private static partial Regex Pipe();
}
