// Build-time flags defined in wxt.config.ts (`vite.define`).
interface ImportMetaEnv {
  /** True only in a test build (`GUANGHE_TEST_HOOKS=1`): test hooks such as `debug:faults` exist. */
  readonly GUANGHE_TEST_HOOKS?: boolean;
}
