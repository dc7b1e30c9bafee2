/**
 * What the content script's build uses in place of WXT's `ContentScriptContext` (wxt.config.ts
 * aliases `wxt/utils/content-script-context` to this file for the content script only): the part
 * this script calls, about 0.8 KB gzip smaller than WXT's class with its logger, custom events and
 * location watcher. Same behaviour for what is used, same events on the wire:
 * - invalid once the extension is gone (`browser.runtime.id` unset) or a newer copy of this script
 *   started in the page (WXT's `<extension id>:<name>:wxt:content-script-started` event on the
 *   document, both ways; not WXT's extra copy by `window.postMessage`, which only told the page
 *   our extension id);
 * - `onInvalidated`, `setTimeout` (never fires once invalid) and `addEventListener` (removed when
 *   invalid), where `wxt:locationchange` is a change of `location.href` (the Navigation API's
 *   `navigate`, else a check every second).
 * The types stay WXT's (`import type` from wxt); the e2e suite runs on it (every content-script test).
 */
export class ContentScriptContext {
  readonly #ac = new AbortController();
  readonly signal: AbortSignal = this.#ac.signal;

  constructor(contentScriptName: string) {
    const type = `${browser.runtime?.id}:${contentScriptName}:wxt:content-script-started`;
    const messageId = crypto.randomUUID();
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName, messageId } }));
    document.addEventListener(
      type,
      (e) => {
        const d = (e as CustomEvent<{ contentScriptName?: string; messageId?: string } | null>).detail;
        if (d?.contentScriptName === contentScriptName && d.messageId !== messageId) this.abort();
      },
      { signal: this.signal },
    );
  }

  abort(): void {
    this.#ac.abort();
  }

  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.abort();
    return this.signal.aborted;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  setTimeout(handler: () => void, ms?: number): number {
    const id = setTimeout(() => this.isInvalid || handler(), ms) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  addEventListener(
    target: EventTarget,
    type: string,
    handler: (e: Event) => void,
    options?: AddEventListenerOptions,
  ): void {
    if (type !== 'wxt:locationchange') {
      target.addEventListener(type, handler, { ...options, signal: this.signal });
      return;
    }
    if (this.isInvalid) return;
    let last = location.href;
    const changed = (href: string) => {
      if (href === last) return;
      last = href;
      handler(new Event(type));
    };
    const nav = (globalThis as { navigation?: EventTarget }).navigation;
    if (typeof nav?.addEventListener === 'function')
      nav.addEventListener(
        'navigate',
        (e) => changed((e as Event & { destination: { url: string } }).destination.url),
        {
          signal: this.signal,
        },
      );
    else {
      const id = setInterval(() => this.isInvalid || changed(location.href), 1000);
      this.onInvalidated(() => clearInterval(id));
    }
  }
}
