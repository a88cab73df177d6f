/**
 * A server-sent event stream read as the wrap-up page's EventSource reads it (Node has no EventSource): each
 * event's name, in order, as it arrives. Resolves when the stream ends or is aborted.
 */
export async function readServerEvents(response: Response, onEvent: (name: string) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    text += value;
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      const name = /^event: (.*)$/m.exec(text.slice(0, end))?.[1];
      text = text.slice(end + 2);
      if (name) onEvent(name);
    }
  }
}
