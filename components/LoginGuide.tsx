import { useState } from 'react';
import { ENTRANCES, adviceFor, type Identity } from '@/utils/guides/login';
import type { SpotlightTarget } from '@/utils/guides/matrix';
import { useI18n } from './hooks/useI18n';

/** Pick your kind of account → the right entrance, the login name, and what first login asks. */
export function LoginGuide({
  onSpotlight,
}: {
  onSpotlight?: ((target: SpotlightTarget) => void) | undefined;
}) {
  const { t, p } = useI18n();
  const [identity, setIdentity] = useState<Identity | ''>('');
  const advice = identity ? adviceFor(identity) : null;
  return (
    <section className="card" data-testid="login-guide" aria-labelledby="login-guide-title">
      <h2 id="login-guide-title">{t('login.title')}</h2>
      <label className="field">
        <span>{t('login.identity')}</span>
        <select
          value={identity}
          onChange={(e) => setIdentity(e.target.value as Identity | '')}
          data-testid="identity-select"
        >
          <option value="">{t('login.choose')}</option>
          {ENTRANCES.map((e) => (
            <option key={e.identity} value={e.identity}>
              {p(e.label)}
            </option>
          ))}
        </select>
      </label>
      {advice && (
        <div data-testid="entrance-advice" data-platform={advice.platform}>
          <p>
            {t('login.entrances', {
              platform: t(advice.platform === 'creator' ? 'login.creator' : 'login.institution'),
            })}
            {advice.entrances.map((e) => (
              <strong key={e} className="entrance" data-entrance={e} lang="zh-CN">
                {t('login.entrance', { name: e })}
              </strong>
            ))}
          </p>
          {onSpotlight && (
            <button
              type="button"
              className="link"
              data-testid="entrance-spotlight"
              onClick={() => onSpotlight({ button: advice.entrances[advice.entrances.length - 1]! })}
            >
              {t('login.showMe')}
            </button>
          )}
          <p>{p(advice.loginName)}</p>
          <p>{p(advice.firstLogin)}</p>
        </div>
      )}
    </section>
  );
}
