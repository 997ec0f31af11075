using System.Net;
using Microsoft.Extensions.Configuration;

namespace SkillsOrleans.Hosting.Configuration;

/// <summary>Where a silo listens: <c>Orleans:SiloPort</c>, <c>Orleans:GatewayPort</c>, <c>Orleans:AdvertisedIP</c>.</summary>
public sealed record SiloEndpointSettings(IPAddress AdvertisedAddress, int SiloPort, int GatewayPort, bool ListenOnAnyHostAddress)
{
    public static SiloEndpointSettings From(IConfiguration configuration)
    {
        var advertised = configuration["Orleans:AdvertisedIP"] is { Length: > 0 } ip ? IPAddress.Parse(ip) : IPAddress.Loopback;
        return new SiloEndpointSettings(
            advertised,
            configuration.GetValue("Orleans:SiloPort", 11111),
            configuration.GetValue("Orleans:GatewayPort", 30000),
            configuration.GetValue("Orleans:ListenOnAnyHostAddress", false));
    }
}
