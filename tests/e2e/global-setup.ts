import { ensureBundle } from '../fixtures/mock-platform/build.ts';

/** Builds the mock platform's Fusion bundle (React 18 + @alifd/next) unless it is current. */
export default async function globalSetup(): Promise<void> {
  await ensureBundle();
}
