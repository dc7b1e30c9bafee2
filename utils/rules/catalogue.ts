/**
 * The catalogue: every rule, in the order findings of one severity are listed. Adding a rule means
 * adding it to its group file; the docs (`docs/rules.md`) are generated from this array.
 */
import { RULE_FAILED, UNKNOWN_KIND, type Rule } from './engine.ts';
import { entranceRules } from './groups/entrance.ts';
import { interactionRules } from './groups/interaction.ts';
import { inviteRules } from './groups/invite.ts';
import { matrixRules } from './groups/matrix.ts';
import { nicknameRules } from './groups/nickname.ts';
import { permissionRules, productPoolRules } from './groups/permission.ts';
import { proxyRules } from './groups/proxy.ts';
import { publishRules } from './groups/publish.ts';
import { unbindRules } from './groups/unbind.ts';
import { rosterRules } from './groups/roster.ts';
import { creatorPublishRules } from './groups/creator.ts';

export const RULES: readonly Rule[] = [
  ...entranceRules,
  ...nicknameRules,
  ...matrixRules,
  ...inviteRules,
  ...permissionRules,
  ...productPoolRules,
  ...unbindRules,
  ...rosterRules,
  ...proxyRules,
  ...creatorPublishRules,
  ...publishRules,
  ...interactionRules,
  UNKNOWN_KIND,
  RULE_FAILED,
];
