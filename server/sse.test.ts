import http from "node:http";
import type { AddressInfo } from "node:net";
import { AIMessage } from "@langchain/core/messages";
import { afterEach, describe, expect, it } from "vitest";
import { createSseWriter, formatSseEvent } from "./sse.ts";

describe("formatSseEvent", () => {
  it("writes the event name, one data line of JSON and a blank line", () => {
    expect(formatSseEvent({ event: "metadata", data: { run_id: "r1", thread_id: "t1" } })).toBe(
      'event: metadata\ndata: {"run_id":"r1","thread_id":"t1"}\n\n',
    );
  });

  it("keeps line breaks inside the JSON and turns messages into dicts", () => {
    const text = formatSseEvent({
      event: "messages",
      data: [new AIMessage({ content: "a\nb", id: "m1" }), {}],
    });
    expect(text.split("\n")).toHaveLength(4);
    const data = JSON.parse(text.split("\n")[1]!.slice("data: ".length)) as unknown[];
    expect(data[0]).toMatchObject({ type: "ai", content: "a\nb", id: "m1" });
  });

  it("writes null data as null and refuses event names that could break the framing", () => {
    expect(formatSseEvent({ event: "end", data: undefined })).toBe("event: end\ndata: null\n\n");
    expect(() => formatSseEvent({ event: "values\ndata: x", data: 1 })).toThrow(/invalid SSE event name/);
  });
});

describe("createSseWriter", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("streams events with event-stream headers to a real HTTP client", async () => {
    server = http.createServer((_req, res) => {
      const writer = createSseWriter(res);
      void (async () => {
        writer.start({ "Content-Location": "/threads/t/runs/r" });
        writer.start();
        expect(writer.started).toBe(true);
        await writer.send({ event: "values", data: { n: 1 } });
        await writer.send({ event: "end", data: null });
        writer.end();
      })();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("content-location")).toBe("/threads/t/runs/r");
    expect(await response.text()).toBe('event: values\ndata: {"n":1}\n\nevent: end\ndata: null\n\n');
  });
});
