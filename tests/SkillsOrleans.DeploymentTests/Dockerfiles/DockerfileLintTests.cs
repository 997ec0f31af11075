using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Dockerfiles;

/// <summary>
/// The Dockerfiles keep the hadolint rules in <see cref="DockerfileRules"/>, their RUN scripts pass shellcheck, and
/// what they COPY is in the build context. (No Docker engine here: the images are not built by the tests.)
/// </summary>
public sealed class DockerfileLintTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("skillsorleans-dockerfile-").FullName;

    private static readonly string[] Ignored = [".env", ".data/postgres", "silo/bin/Release", "grains/Grains/obj/project.assets.json", ".git/config", "artifacts/test-results"];
    private static readonly string[] Needed = ["silo/Program.cs", "deploy/sql/0001_orleans_query_catalog.sql", "deploy/openclaw/start-openclaw.sh", "Directory.Packages.props"];
    private static readonly string[] ImageScripts = ["deploy/docker/silo-entrypoint.sh", "deploy/docker/http-health.sh", "deploy/openclaw/start-openclaw.sh"];

    public static TheoryData<string> Dockerfiles => [.. DockerfileSource.All];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_three_images_have_dockerfiles()
    {
        Assert.Equal(["deploy/docker/api.Dockerfile", "deploy/docker/silo.Dockerfile", "deploy/openclaw/Dockerfile"], DockerfileSource.All);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_keeps_the_lint_rules(string path)
    {
        var problems = DockerfileRules.Check(DockerfileSource.Load(path));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_lint_rules_catch_a_careless_dockerfile()
    {
        var careless = DockerfileSource.Parse("careless.Dockerfile", """
            FROM ubuntu
            FROM node:latest AS tools
            WORKDIR app
            ADD . /app
            ENV API_TOKEN=abc123
            RUN apt-get update
            RUN apt-get install curl
            RUN npm install -g openclaw
            RUN cd /app && curl -fsSL https://example.invalid/install.sh | sh
            USER root
            CMD node server.js
            """);

        var rules = DockerfileRules.Check(careless).Select(problem => problem.Split(' ')[0]).ToHashSet();

        Assert.Superset(rules, new HashSet<string> { "DL3006", "DL3007", "DL3000", "DL3020", "DL-SECRET", "DL3009", "DL3015", "DL3014", "DL3016", "DL3003", "DL4006", "DL3002", "DL3025", "DL-HEALTH" });
    }

    [Fact]
    public void Multi_stage_dotnet_images_build_on_the_sdk_and_run_on_the_aspnet_runtime_as_the_app_user()
    {
        foreach (var path in new[] { "deploy/docker/silo.Dockerfile", "deploy/docker/api.Dockerfile" })
        {
            var file = DockerfileSource.Load(path);
            var froms = file.Named("FROM").Select(from => from.Arguments.Replace("${DOTNET_VERSION}", file.ArgDefault("DOTNET_VERSION"), StringComparison.Ordinal))
                .Where(from => !from.EndsWith(" AS openclaw", StringComparison.Ordinal)).ToList();
            Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"], froms);
            Assert.Equal("$APP_UID", file.Named("USER").Last().Arguments);
            Assert.Contains(file.Named("COPY"), copy => copy.Stage == file.FinalStage && copy.Arguments.StartsWith("--from=build /app", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_gateway_image_follows_the_upstream_pattern_with_the_pinned_openclaw()
    {
        var file = DockerfileSource.Load("deploy/openclaw/Dockerfile");
        Assert.Equal("node:24.21.0-bookworm-slim", file.Named("FROM").Single().Arguments.Replace("${NODE_VERSION}", file.ArgDefault("NODE_VERSION"), StringComparison.Ordinal));
        Assert.Equal("2026.9.6", file.ArgDefault("OPENCLAW_VERSION"));
        Assert.NotNull(file.Named("ARG").SingleOrDefault(arg => arg.Arguments.StartsWith("EXTRA_APT_PACKAGES", StringComparison.Ordinal)));
        Assert.Contains(file.Named("RUN"), run => run.Arguments.Contains(" chromium ", StringComparison.Ordinal));
        Assert.Contains(file.Named("RUN"), run => run.Arguments.Contains("npm install -g", StringComparison.Ordinal) && run.Arguments.Contains("openclaw@${OPENCLAW_VERSION}", StringComparison.Ordinal));
        Assert.Equal("[\"/opt/skillsorleans/start-openclaw.sh\"]", file.Named("ENTRYPOINT").Single().Arguments);
        Assert.Equal("/root/clawd", file.Named("WORKDIR").Last().Arguments);
        Assert.Equal("openclaw", file.Named("USER").Last().Arguments);
        // The gateway's user is the runtime silo's (APP_UID 1654 of the .NET images): both open the 0600 secret file.
        Assert.Equal("1654", file.ArgDefault("OPENCLAW_UID"));
        // The pinned version is the one the compatibility tests run (deploy/local/lib/openclaw.sh).
        Assert.Contains($"OPENCLAW_VERSION=${{OPENCLAW_VERSION:-{file.ArgDefault("OPENCLAW_VERSION")}}}", Repository.Read("deploy/local/lib/openclaw.sh"), StringComparison.Ordinal);
        Assert.Contains($"OPENCLAW_NODE_VERSION=${{OPENCLAW_NODE_VERSION:-{file.ArgDefault("NODE_VERSION")}}}", Repository.Read("deploy/local/lib/openclaw.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_silo_image_validates_openclaw_json_with_the_gateways_own_pinned_cli()
    {
        var silo = DockerfileSource.Load("deploy/docker/silo.Dockerfile");
        var gateway = DockerfileSource.Load("deploy/openclaw/Dockerfile");

        Assert.Equal(gateway.ArgDefault("OPENCLAW_VERSION"), silo.ArgDefault("OPENCLAW_VERSION"));
        Assert.Equal(gateway.ArgDefault("NODE_VERSION"), silo.ArgDefault("NODE_VERSION"));
        Assert.Contains(silo.Named("RUN"), run => run.Arguments.Contains("npm install -g", StringComparison.Ordinal) && run.Arguments.Contains("openclaw@${OPENCLAW_VERSION}", StringComparison.Ordinal));
        Assert.Contains(silo.Named("COPY"), copy => copy.Stage == silo.FinalStage && copy.Arguments.Contains("deploy/docker/openclaw-config-validate.sh", StringComparison.Ordinal));
        Assert.Contains(silo.Named("ENV"), env => env.Stage == silo.FinalStage
            && env.Arguments.Contains("OPENCLAW_CONFIG_VALIDATE_COMMAND=/usr/local/bin/openclaw-config-validate.sh", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public async Task Run_instructions_pass_shellcheck(string path)
    {
        var file = DockerfileSource.Load(path);
        var bashStages = file.Named("SHELL").Where(shell => shell.Arguments.Contains("bash", StringComparison.Ordinal)).Select(shell => shell.Stage).ToHashSet();
        foreach (var run in file.Named("RUN"))
        {
            var shell = bashStages.Contains(run.Stage) ? "bash" : "sh";
            var script = Path.Combine(_directory, $"run-{run.Line}.sh");
            await File.WriteAllTextAsync(script, $"#!/usr/bin/env {shell}\n{run.Arguments}\n");

            var result = await ProcessRunner.RunAsync(ProcessRunner.Require("shellcheck"), ["--severity=warning", "--shell", shell, script]);

            Assert.True(result.ExitCode == 0, $"{path}:{run.Line}\n{result.Output}");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Everything_copied_from_the_context_exists_and_is_not_ignored(string path)
    {
        var ignore = DockerIgnore.Parse(Repository.Read(".dockerignore"));
        var file = DockerfileSource.Load(path);
        var copies = file.Named("COPY").Where(copy => !copy.Arguments.StartsWith("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(part => !part.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in parts.Take(parts.Count - 1))
            {
                Assert.True(File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)), $"{path}:{copy.Line}: {source} does not exist");
                Assert.False(ignore.Excludes(source), $"{path}:{copy.Line}: {source} is excluded by .dockerignore");
            }
        }
    }

    [Fact]
    public void The_build_context_leaves_out_local_state_build_output_and_secrets()
    {
        var ignore = DockerIgnore.Parse(Repository.Read(".dockerignore"));

        Assert.All(Ignored,
            path => Assert.True(ignore.Excludes(path), $"{path} would be sent to the image build"));
        Assert.All(Needed,
            path => Assert.False(ignore.Excludes(path), $"{path} is needed by the image build"));
    }

    [Fact]
    public void Scripts_the_images_run_are_executable()
    {
        foreach (var script in ImageScripts)
        {
            Assert.True(File.GetUnixFileMode(Repository.PathOf(script)).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        }
    }
}
