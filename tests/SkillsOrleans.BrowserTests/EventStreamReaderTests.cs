using System.Text.Json;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// The page's own server-sent event reader (it reads a fetch() body, as EventSource cannot send a bearer token), run
/// in Chromium on a stream cut into every possible chunk size, so line endings and UTF-8 split anywhere.
/// </summary>
[Collection(AdminPageCollection.Name)]
public sealed class EventStreamReaderTests(AdminPageFixture fixture)
{
    private const string ReadInChunks = """
        async ({ text, size }) => {
          const { readEventStream } = await import('/admin/assets/js/live/event-stream.js');
          const bytes = new TextEncoder().encode(text);
          const body = new ReadableStream({
            start(controller) {
              for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
              controller.close();
            },
          });
          const events = [];
          for await (const item of readEventStream(body)) events.push(item);
          return events;
        }
        """;

    [Fact]
    public async Task Events_read_the_same_however_the_stream_is_cut()
    {
        var page = await fixture.Browser.NewPageAsync(new() { BaseURL = fixture.Stack.Address.ToString() });
        await page.GotoAsync("/demo/admin/openclaw");
        const string stream = ": heartbeat comment\r\n" +
            "event: credential\r\ndata: {\"status\":\"pending\",\"note\":\"grüße\"}\r\nid: 7\r\n\r\n" +
            "data: first line\ndata:second line\n\n" +
            "event: ping\rdata: {}\r\r" +
            "event: empty\n\n" +
            "event: resync\ndata: {\"at\":1}\n\n" +
            "event: unfinished\ndata: never dispatched";

        for (var size = 1; size <= 9; size++)
        {
            var events = await page.EvaluateAsync<JsonElement>(ReadInChunks, new { text = stream, size });
            var read = events.EnumerateArray().Select(item => (
                item.GetProperty("event").GetString(), item.GetProperty("data").GetString(), item.GetProperty("id").GetString())).ToList();
            Assert.Equal(
            [
                ("credential", "{\"status\":\"pending\",\"note\":\"grüße\"}", "7"),
                ("message", "first line\nsecond line", "7"),
                ("ping", "{}", "7"),
                ("resync", "{\"at\":1}", "7"),
            ], read);
        }

        await page.CloseAsync();
    }
}
