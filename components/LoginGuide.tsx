import { useState } from 'react';
import { ENTRANCES, adviceFor, type Identity } from '@/utils/guides/login';
import type { SpotlightTarget } from '@/utils/guides/matrix';
import { Bilingual } from './Bilingual';

/** Pick your kind of account → the right entrance, the login name, and what first login asks. */
export function LoginGuide({
  onSpotlight,
}: {
  onSpotlight?: ((target: SpotlightTarget) => void) | undefined;
}) {
  const [identity, setIdentity] = useState<Identity | ''>('');
  const advice = identity ? adviceFor(identity) : null;
  return (
    <section className="card" data-testid="login-guide" aria-labelledby="login-guide-title">
      <h2 id="login-guide-title" className="bi">
        <span>登录入口指引</span>
        <span className="en">Which entrance?</span>
      </h2>
      <label className="field">
        <span>你的账号类型 · Your account type</span>
        <select
          value={identity}
          onChange={(e) => setIdentity(e.target.value as Identity | '')}
          data-testid="identity-select"
        >
          <option value="">请选择 · Choose…</option>
          {ENTRANCES.map((e) => (
            <option key={e.identity} value={e.identity}>
              {e.label.zh} · {e.label.en}
            </option>
          ))}
        </select>
      </label>
      {advice && (
        <div data-testid="entrance-advice" data-platform={advice.platform}>
          <p className="bi">
            <span>
              {advice.platform === 'creator' ? '创作者平台' : '机构平台'}：在光合平台首页点
              {advice.entrances.map((e) => (
                <strong key={e} className="entrance" data-entrance={e}>
                  「{e}」
                </strong>
              ))}
            </span>
            <span className="en">
              {advice.platform === 'creator' ? 'Creator platform' : 'Institution platform'}: on the portal
              click {advice.entrances.join(' / ')}
            </span>
          </p>
          {onSpotlight && (
            <button
              type="button"
              className="link"
              data-testid="entrance-spotlight"
              onClick={() => onSpotlight({ button: advice.entrances[advice.entrances.length - 1]! })}
            >
              在首页上指给我看 · Show me on the portal
            </button>
          )}
          <Bilingual text={advice.loginName} />
          <Bilingual text={advice.firstLogin} />
        </div>
      )}
    </section>
  );
}
