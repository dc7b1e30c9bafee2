/**
 * Test hooks of the service worker, present only in a test build (`GUANGHE_TEST_HOOKS=1`, see
 * wxt.config.ts). Every use is behind `if (import.meta.env.GUANGHE_TEST_HOOKS)`, which any other
 * build turns into `if (false)`: the store packages carry none of this (tests/e2e/store-build.spec.ts).
 */
import * as v from 'valibot';

/**
 * Fault injection for the fail-open tests: `storage.local` `debug:faults` = `{ check: 'throw' | 'hang'
 * | 'garbage' }`, set from an extension page. It can only make our own check fail, which lets the
 * platform's submit through: the same as the extension being absent.
 */
export const FAULTS_KEY = 'debug:faults';

const FaultsSchema = v.object({ check: v.optional(v.picklist(['throw', 'hang', 'garbage'])) });
export type Faults = v.InferOutput<typeof FaultsSchema>;

const asFaults = (x: unknown): Faults | undefined => {
  const r = v.safeParse(FaultsSchema, x);
  return r.success ? r.output : undefined;
};

/** Follows `debug:faults` in storage.local; the returned function reads the current value. */
export function watchFaults(): () => Faults | undefined {
  let faults: Faults | undefined;
  let changed = false;
  browser.storage.local
    .get(FAULTS_KEY)
    .then((got) => {
      // A change seen while this read was on its way is newer than what the read returns.
      if (!changed) faults = asFaults(got[FAULTS_KEY]);
    })
    .catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(FAULTS_KEY in changes)) return;
    changed = true;
    faults = asFaults(changes[FAULTS_KEY]?.newValue);
  });
  return () => faults;
}

/**
 * Host permissions the sharing e2e test counts as granted: `storage.local` `debug:grants` = a list of
 * patterns. Chrome's permission prompt is a browser dialog no test can answer; the test checks what
 * the panel asked for, and this stands in for the user's "Allow". A store build has no such key.
 */
export const GRANTS_KEY = 'debug:grants';

export async function testGranted(pattern: string): Promise<boolean> {
  const got: unknown = (await browser.storage.local.get(GRANTS_KEY))[GRANTS_KEY];
  return Array.isArray(got) && got.includes(pattern);
}
