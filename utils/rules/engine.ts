/**
 * The rule model and the runner. A rule is data (id, severity, field, source, `when`, message
 * template) plus a pure `check` that returns whether it fires and the values for the message's
 * `{placeholders}`.
 */
import {
  coerceAccount,
  coerceContext,
  coerceSubmission,
  kindOf,
  type CleanOf,
  type CleanSubmission,
} from './coerce.ts';
import { normalizeGuangguangId } from './guangguang-id.ts';
import { interpolate, quote } from './text.ts';
import type {
  Finding,
  KnownAccount,
  LocalizedText,
  RuleContext,
  Severity,
  Source,
  SubmissionKind,
  Verdict,
} from './types.ts';

/** Values for a message's `{placeholders}`: one string for both languages, or one per language. */
export type Params = Readonly<Record<string, string | LocalizedText>>;

/** A rule that fires: optional message values, and a field when it is not the rule's own. */
export interface Hit {
  params?: Params;
  field?: string;
}

/** `false`/`null`/`undefined`: passes. `true`: fires with no values. A `Hit`: fires with values. */
export type Outcome = Hit | boolean | null | undefined;

/** What a check may ask besides the submission. */
export interface CheckEnv {
  readonly ctx: RuleContext;
  /** The ledger's account with this 逛逛号 (normalised, case-insensitive), if any. */
  account(guangguangId: string): KnownAccount | undefined;
  /** Caches a value for the rest of this `checkSubmission` call (e.g. one phone analysis for all phone rules). */
  memo<T>(key: string, compute: () => T): T;
}

interface RuleData {
  /** Stable: the side panel, the ledger and the docs refer to it. */
  readonly id: string;
  readonly severity: Severity;
  /** The submission field it concerns, when there is one. */
  readonly field?: string;
  readonly source: Source;
  /** When it fires, for the generated docs. */
  readonly when: LocalizedText;
  /** What is wrong and what to do; `{name}` placeholders are filled from the check's `params`. */
  readonly message: LocalizedText;
  /** A decision of ours where the sources say nothing, for the docs. */
  readonly assumption?: LocalizedText;
}

export interface RuleSpec<K extends SubmissionKind> extends RuleData {
  readonly kinds: readonly K[];
  readonly check: (submission: CleanOf<K>, env: CheckEnv) => Outcome;
}

export interface Rule extends RuleData {
  /** The submission kinds it applies to; `'any'` for the engine's own rules. */
  readonly kinds: readonly SubmissionKind[] | 'any';
  readonly check: (submission: CleanSubmission, env: CheckEnv) => Outcome;
}

export function defineRule<K extends SubmissionKind>(spec: RuleSpec<K>): Rule {
  const kinds: readonly SubmissionKind[] = spec.kinds;
  return {
    ...spec,
    kinds,
    check: (submission, env) =>
      kinds.includes(submission.kind) ? spec.check(submission as CleanOf<K>, env) : null,
  };
}

/** The engine's own rules: they are emitted by the runner, never by a check. */
export const UNKNOWN_KIND: Rule = {
  id: 'submission.unknown-kind',
  kinds: 'any',
  severity: 'info',
  source: 'platform.md §5',
  when: {
    zh: '提交的类型不是助手认识的类型（页面识别失败或版本不一致）',
    en: 'The submission is of a kind the assistant does not know (page not recognised, or version mismatch)',
  },
  message: {
    zh: '助手不认识这类提交（{kind}），没有检查。请按平台页面的提示自行核对后再提交。',
    en: 'The assistant does not know this kind of submission ({kind}) and did not check it. Check it yourself against the page before submitting.',
  },
  check: () => null,
};

export const RULE_FAILED: Rule = {
  id: 'engine.rule-failed',
  kinds: 'any',
  severity: 'warn',
  source: 'platform.md §5',
  when: { zh: '某条规则在检查时出错', en: 'A rule failed while checking' },
  message: {
    zh: '助手的规则 {rule} 检查出错，这一项没有检查。请自行核对后再决定是否继续。',
    en: "The assistant's rule {rule} failed, so this point was not checked. Check it yourself before you continue.",
  },
  check: () => null,
};

function render(template: LocalizedText, params: Params | undefined): LocalizedText {
  if (!params) return { zh: template.zh, en: template.en };
  const zh: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    zh[k] = typeof v === 'string' ? v : v.zh;
    en[k] = typeof v === 'string' ? v : v.en;
  }
  return { zh: interpolate(template.zh, zh), en: interpolate(template.en, en) };
}

export function findingOf(rule: Rule, hit: Hit | undefined): Finding {
  const field = hit?.field ?? rule.field;
  return {
    ruleId: rule.id,
    severity: rule.severity,
    ...(field !== undefined ? { field } : {}),
    message: render(rule.message, hit?.params),
    source: rule.source,
  };
}

const PLAIN_KEY = /^[A-Za-z0-9_.-]+$/;

/** The lookup key of a 逛逛号: normalised and case-folded; a fast path for plain ASCII ids. */
function idKey(raw: unknown): string {
  if (typeof raw === 'string' && PLAIN_KEY.test(raw)) return raw.toLowerCase();
  return normalizeGuangguangId(raw).toLowerCase();
}

function makeEnv(ctx: RuleContext): CheckEnv {
  /** Key → raw ledger entry, built on the first lookup. */
  let index: Map<string, unknown> | null = null;
  const accounts = new Map<string, KnownAccount | undefined>();
  const cache = new Map<string, unknown>();
  return {
    ctx,
    account(guangguangId) {
      const key = idKey(guangguangId);
      if (key === '') return undefined;
      if (accounts.has(key)) return accounts.get(key);
      if (!index) {
        index = new Map();
        for (const entry of ctx.accounts as readonly unknown[]) {
          const id =
            typeof entry === 'object' && entry !== null
              ? (entry as { guangguangId?: unknown }).guangguangId
              : null;
          const k = idKey(id);
          // A ledger that lists an id twice: the later entry is the newer one.
          if (k !== '') index.set(k, entry);
        }
      }
      const account = coerceAccount(index.get(key)) ?? undefined;
      accounts.set(key, account);
      return account;
    },
    memo<T>(key: string, compute: () => T): T {
      if (cache.has(key)) return cache.get(key) as T;
      const value = compute();
      cache.set(key, value);
      return value;
    },
  };
}

const ORDER: Readonly<Record<Severity, number>> = { block: 0, warn: 1, info: 2 };

/**
 * Runs `rules` over a submission. Never throws: an unknown kind gives `submission.unknown-kind`, a
 * rule that throws gives `engine.rule-failed` naming it. Findings come sorted block → warn → info,
 * catalogue order within a severity.
 */
export function runRules(rules: readonly Rule[], submission: unknown, context: unknown): Finding[] {
  let clean: CleanSubmission | null;
  try {
    clean = coerceSubmission(submission);
  } catch {
    clean = null;
  }
  if (!clean) return [findingOf(UNKNOWN_KIND, { params: { kind: quote(kindOf(submission)) || '—' } })];

  let env: CheckEnv;
  try {
    env = makeEnv(coerceContext(context));
  } catch {
    return [findingOf(RULE_FAILED, { params: { rule: 'context' } })];
  }

  const out: Finding[] = [];
  for (const rule of rules) {
    if (rule.kinds === 'any' || !rule.kinds.includes(clean.kind)) continue;
    let outcome: Outcome;
    try {
      outcome = rule.check(clean, env);
    } catch {
      out.push(findingOf(RULE_FAILED, { params: { rule: rule.id } }));
      continue;
    }
    if (outcome === true) out.push(findingOf(rule, undefined));
    else if (outcome && typeof outcome === 'object') out.push(findingOf(rule, outcome));
  }
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  let verdict: Verdict = 'allow';
  for (const f of findings) {
    if (f.severity === 'block') return 'block';
    if (f.severity === 'warn') verdict = 'warn';
  }
  return verdict;
}
