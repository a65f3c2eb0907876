/** Server-sent events read from a `text/event-stream` body, one per blank-line-ended block. */

/** One server-sent event: its id, name and data as sent. */
export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/** Parses the stream's bytes into events as they arrive. */
export async function* parseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let id: string | undefined;
  let event = "message";
  let data: string[] = [];
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(buffer[newline] === "\r" ? newline + 2 : newline + 1);
      if (line === "") {
        if (data.length > 0) {
          yield { id, event, data: data.join("\n") };
        }
        id = undefined;
        event = "message";
        data = [];
      } else if (!line.startsWith(":")) {
        const colon = line.indexOf(":");
        const key = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (key === "id") id = value;
        else if (key === "event") event = value;
        else if (key === "data") data.push(value);
      }
    }
  }
}
