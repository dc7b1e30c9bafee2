import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module', '@wxt-dev/webextension-polyfill'],
  // Locale files live under utils/ so the top level keeps the design-card layout.
  i18n: { localesDir: resolve(import.meta.dirname, 'utils/i18n/locales') },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    action: { default_title: '__MSG_actionTitle__' },
    permissions: browser === 'firefox' ? ['storage', 'alarms'] : ['sidePanel', 'storage', 'alarms'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'guanghe-assistant@guanghe-helper.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
