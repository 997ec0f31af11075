using System.Text.Json;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>
/// An agent's request for a key, as it writes it to <c>requests/skill-credentials/&lt;name&gt;.json</c>:
/// <c>{ "skill": "trello", "key": "TRELLO_API_KEY", "agentId": "main", "reason": "..." }</c>.
/// </summary>
public sealed record CredentialRequestFile(string Skill, string Key, string? AgentId, string? Reason)
{
    public const int MaxReasonLength = 1000;

    /// <summary>Parses and validates the file's content; unknown properties are ignored.</summary>
    public static CredentialRequestFile Parse(ReadOnlySpan<byte> content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException error)
        {
            throw new RequestRejectedException(RequestRejection.InvalidJson, $"not valid JSON: {error.Message.Split('.')[0]}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(RequestRejection.InvalidFields, "the request must be a JSON object");
            }

            var root = document.RootElement;
            var skill = RequiredString(root, "skill");
            var key = RequiredString(root, "key");
            var agentId = OptionalString(root, "agentId");
            var reason = OptionalString(root, "reason");

            if (!ResourceIds.IsSkillKey(skill))
            {
                throw new RequestRejectedException(RequestRejection.InvalidFields, $"'skill' is not a skill key: '{ResourceIds.Printable(skill)}'");
            }

            if (!ResourceIds.IsKeyName(key))
            {
                throw new RequestRejectedException(RequestRejection.InvalidFields, $"'key' is not an environment variable name: '{ResourceIds.Printable(key)}'");
            }

            if (agentId is not null && (agentId.Length > 64 || !ResourceIds.IsSubject(agentId)))
            {
                throw new RequestRejectedException(RequestRejection.InvalidFields, $"'agentId' is not an agent id: '{ResourceIds.Printable(agentId)}'");
            }

            if (reason is { Length: > MaxReasonLength })
            {
                reason = reason[..MaxReasonLength];
            }

            return new CredentialRequestFile(skill, key, agentId, reason);
        }
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) ?? throw new RequestRejectedException(RequestRejection.InvalidFields, $"'{name}' is required");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new RequestRejectedException(RequestRejection.InvalidFields, $"'{name}' must be a string");
    }
}
