/**
 * The content script's side of the protocol (utils/messaging.ts), without the messaging library: the
 * library with its error serialiser was about 1 KB gzip of the content script's 8 KB budget. The
 * wire format is the library's (a `{ type, data, timestamp }` message; a `{ res }` or `{ err }`
 * answer), so the background's and the panel's `onMessage` / `sendMessage` talk to these unchanged
 * (tests/unit/content-messaging.test.ts sends both ways through the library). Types only from
 * messaging.ts, so none of it is bundled here.
 */
import type { ProtocolMap } from './messaging';

type Data<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Answer<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

/** Sends one message to the background; rejects on no answer or on the handler's error (its message). */
export async function sendToBackground<K extends keyof ProtocolMap>(
  type: K,
  data: Data<K>,
): Promise<Answer<K>> {
  const r = await browser.runtime.sendMessage<
    unknown,
    { res?: Answer<K>; err?: { message?: string } } | undefined
  >({ type, data, timestamp: 0 }); // the library checks only that it is a number; nothing reads it
  if (!r) throw Error('No response');
  if (r.err != null) throw Error(r.err.message);
  return r.res as Answer<K>;
}

/**
 * Answers one message type sent to this tab (`page:spotlight`) synchronously; others are left alone.
 * Returns the function that stops listening.
 */
export function onTabMessage<K extends keyof ProtocolMap>(
  type: K,
  handler: (data: Data<K>, sender: { id?: string; tab?: unknown }) => Answer<K>,
): () => void {
  const listener = (
    m: { type?: unknown; data?: Data<K> } | undefined,
    sender: { id?: string; tab?: unknown },
    respond: (answer: { res: Answer<K> }) => void,
  ) => {
    if (m?.type === type) respond({ res: handler(m.data as Data<K>, sender) });
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
