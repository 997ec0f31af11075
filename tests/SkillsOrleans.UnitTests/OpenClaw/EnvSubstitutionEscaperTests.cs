using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>Values written into openclaw.json get one extra '$' before each ${NAME} OpenClaw would substitute, and nothing else changes.</summary>
public sealed class EnvSubstitutionEscaperTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${HOME}", "$${HOME}")]
    [InlineData("a${A_1}b${B}", "a$${A_1}b$${B}")]
    [InlineData("$${HOME}", "$$${HOME}")]
    [InlineData("${lower}", "${lower}")]
    [InlineData("${1ABC}", "${1ABC}")]
    [InlineData("${UNCLOSED", "${UNCLOSED")]
    [InlineData("${}", "${}")]
    [InlineData("${A${B}", "${A$${B}")]
    [InlineData("$", "$")]
    [InlineData("cost: $5 {x}", "cost: $5 {x}")]
    public void Only_valid_references_are_escaped(string value, string escaped)
    {
        Assert.Equal(escaped, EnvSubstitutionEscaper.Escape(value));
    }
}
