using System.Collections.Frozen;
using System.Security.Claims;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// The subjects configured in <c>Auth:PlatformAdmins</c>. Membership is decided here from configuration, never
/// from a claim a token could carry. Endpoints use <see cref="Policy"/> or <see cref="IsPlatformAdmin"/>.
/// </summary>
public sealed class PlatformAdmins(FrozenSet<string> subjects)
{
    public const string Policy = "platform-admin";

    public bool IsPlatformAdmin(ClaimsPrincipal user) => user.SubjectOf() is { } subject && subjects.Contains(subject);
}
