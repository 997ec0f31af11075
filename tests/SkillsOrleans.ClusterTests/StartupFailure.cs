using Microsoft.AspNetCore.Mvc.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>Why an API host refused to start: the messages of the exception and its inner exceptions, joined.</summary>
internal static class StartupFailure
{
    public static string Of<TEntryPoint>(WebApplicationFactory<TEntryPoint> api)
        where TEntryPoint : class
    {
        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        var messages = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
