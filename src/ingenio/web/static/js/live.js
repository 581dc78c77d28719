// Live status of one task: the event stream when it works, polling /status every 2 s when it
// does not (the contract's documented path). EventSource cannot send headers, so the stream is
// opened with a short-lived token made for this one task.
import { ApiError, TERMINAL, endpoints } from './api.js';

const POLL_MS = 2000;

// onStatus(view) for every state; onMode('sse' | 'poll' | 'retry' | 'done'); onError(error) when
// the first read fails. Returns stop().
export function watchTask(id, { onStatus, onMode, onError }) {
  const controller = new AbortController();
  let source = null;
  let timer = null;
  let stopped = false;
  let last = null;

  const deliver = (view) => {
    if (stopped) return;
    // A fresh stream replays the task's history from its first event: older states are
    // skipped, so the page never steps back from what it already shows.
    if (last && view.updatedAt && last.updatedAt && view.updatedAt < last.updatedAt) return;
    last = view;
    onStatus(view);
    if (TERMINAL.has(view.status)) finish();
  };

  function finish() {
    source?.close();
    source = null;
    clearTimeout(timer);
    onMode('done');
  }

  async function poll() {
    if (stopped) return;
    try {
      deliver(await endpoints.status(id, controller.signal));
      if (!last || !TERMINAL.has(last.status)) onMode('poll');
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
        onError(error);
        return;
      }
      onMode('retry'); // the server may be restarting: keep trying at the same pace
    }
    if (!stopped && !(last && TERMINAL.has(last.status))) timer = setTimeout(poll, POLL_MS);
  }

  function fallBack() {
    source?.close();
    source = null;
    if (!stopped && !(last && TERMINAL.has(last.status))) poll();
  }

  async function stream() {
    if (typeof EventSource === 'undefined') return fallBack();
    let token;
    try {
      ({ token } = await endpoints.streamToken(id));
    } catch (error) {
      if (error.name !== 'AbortError') fallBack();
      return undefined;
    }
    if (stopped) return undefined;
    source = new EventSource(endpoints.streamUrl(id, token));
    source.addEventListener('open', () => onMode('sse'));
    source.addEventListener('status', (event) => {
      try {
        deliver(JSON.parse(event.data));
      } catch {
        fallBack();
      }
    });
    source.addEventListener('end', finish);
    // An EventSource retries by itself, but with a token that expires: polling is the sure way.
    source.addEventListener('error', fallBack);
    return undefined;
  }

  (async () => {
    try {
      deliver(await endpoints.status(id, controller.signal));
    } catch (error) {
      if (error.name !== 'AbortError') onError(error);
      return;
    }
    if (!TERMINAL.has(last.status)) stream();
  })();

  return () => {
    stopped = true;
    controller.abort();
    source?.close();
    clearTimeout(timer);
  };
}
