using System.Text;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

public sealed class SealedSecretAadTests
{
    private static readonly SealedSecretEnvelope Sample = new(
        Format: 1,
        Kid: "sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        Epk: "BEPK",
        RuntimeId: "demo-runtime-1",
        CredentialRef: "demo/demo-runtime-1/trello/TRELLO_TOKEN",
        Version: 12,
        ExpiresAt: 1_893_456_000,
        Nonce: "NONCE",
        Iv: "IV",
        Ciphertext: "CIPHERTEXT");

    [Fact]
    public void Is_the_header_fields_joined_by_newlines_in_the_documented_order()
    {
        var expected = "1\nsha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nBEPK\ndemo-runtime-1\n"
            + "demo/demo-runtime-1/trello/TRELLO_TOKEN\n12\n1893456000\nNONCE";

        Assert.Equal(expected, Encoding.UTF8.GetString(SealedSecretAad.For(Sample)));
    }

    [Fact]
    public void Leaves_out_iv_and_ciphertext()
    {
        var aad = SealedSecretAad.For(Sample);

        Assert.Equal(aad, SealedSecretAad.For(Sample with { Iv = "OTHER", Ciphertext = "OTHER" }));
    }

    [Fact]
    public void Changes_with_every_header_field()
    {
        var aad = SealedSecretAad.For(Sample);
        SealedSecretEnvelope[] variants =
        [
            Sample with { Format = 2 },
            Sample with { Kid = "sha256:BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
            Sample with { Epk = "BEPL" },
            Sample with { RuntimeId = "demo-runtime-2" },
            Sample with { CredentialRef = "demo/demo-runtime-1/trello/TRELLO_KEY" },
            Sample with { Version = 13 },
            Sample with { ExpiresAt = 1_893_456_001 },
            Sample with { Nonce = "NONCF" },
        ];

        foreach (var variant in variants)
        {
            Assert.NotEqual(aad, SealedSecretAad.For(variant));
        }
    }
}
