// Reads a text/event-stream body (from fetch, which, unlike EventSource, can send a bearer token) as the HTML
// standard's event-stream parser does: events end at a blank line, "data" lines join with "\n", ":" starts a comment,
// and the last event id carries over to the events after it.

/** Yields { event, data, id } for each event dispatched by the stream, until the stream ends. */
export async function* readEventStream(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const lines = new LineSplitter();
  let event = emptyEvent(null);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const line of lines.push(value)) {
        if (line === '') {
          if (event.data.length > 0) yield { event: event.name || 'message', data: event.data.join('\n'), id: event.id };
          event = emptyEvent(event.id);
        } else if (!line.startsWith(':')) {
          addField(event, line);
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function emptyEvent(lastId) {
  return { name: '', data: [], id: lastId };
}

function addField(event, line) {
  const colon = line.indexOf(':');
  const field = colon < 0 ? line : line.slice(0, colon);
  let value = colon < 0 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (field === 'event') event.name = value;
  else if (field === 'data') event.data.push(value);
  else if (field === 'id' && !value.includes('\0')) event.id = value;
}

/** Splits text arriving in chunks into lines ending in CRLF, LF or CR (a CR at a chunk's end waits for a possible LF). */
class LineSplitter {
  #buffer = '';

  push(text) {
    this.#buffer += text;
    const lines = [];
    for (;;) {
      const match = /\r\n|\n|\r/.exec(this.#buffer);
      if (!match || (match[0] === '\r' && match.index === this.#buffer.length - 1)) return lines;
      lines.push(this.#buffer.slice(0, match.index));
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
    }
  }
}
