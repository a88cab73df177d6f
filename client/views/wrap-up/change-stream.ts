/** Waits after a lost stream before asking again, doubling up to the last: a server restarting is not hammered. */
const retryMs = [1_000, 2_000, 5_000, 15_000];

/**
 * Follows `GET <path>` (server-sent events, read with fetch so the token goes in a header, not the address)
 * and calls `changed` whenever the page should ask again: at every `changed` event, each time the stream
 * (re)opens (what changed while it was down was not told), and when it is lost (asking then shows why, or
 * what came meanwhile). Reconnects after a lost stream. Returns the stop.
 */
export function followChanges(path: string, token: string | null, changed: () => void): () => void {
  let stopped = false;
  let abort: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;

  const open = async (): Promise<void> => {
    abort = new AbortController();
    try {
      const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {}, cache: 'no-store', signal: abort.signal });
      if (!response.ok || response.body === null) throw new Error(`change stream answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const event = /^event: (.*)$/m.exec(text.slice(0, end))?.[1];
          text = text.slice(end + 2);
          if (event === 'watching') failures = 0;
          if (event === 'watching' || event === 'changed') changed();
        }
      }
    } catch {
      // Lost or refused: asked again below, unless stopped.
    }
    if (stopped) return;
    changed();
    retry = setTimeout(() => void open(), retryMs[Math.min(failures, retryMs.length - 1)]);
    failures++;
  };
  void open();
  return () => {
    stopped = true;
    abort?.abort();
    if (retry !== null) clearTimeout(retry);
  };
}
