import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useAuth } from '../auth';
import { Button, ErrorSummary, PageTitle, TextField, useSubmit } from '../components/ui';
import { useI18n } from '../i18n';
import { Link, useRouter } from '../router';
import type { Role } from '../api/types';

function homeFor(role: Role | undefined): string {
  if (role === 'hq_analyst') return '/hq';
  if (role === 'company_admin') return '/company';
  if (role === 'municipality_staff' || role === 'prefecture_staff' || role === 'admin') return '/staff';
  return '/projects';
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const { navigate, search } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const { error, busy, onSubmit } = useSubmit(async () => {
    await login(email, password, remember);
    const next = search.get('next');
    const me = await unwrap(api.GET('/api/v1/me'));
    navigate(next && next.startsWith('/') ? next : homeFor(me.role), { replace: true });
  });
  const fe = error?.fieldErrors() ?? {};
  return (
    <section className="narrow">
      <PageTitle>{t('ログイン', 'Log in')}</PageTitle>
      <ErrorSummary error={error} fieldIds={{ email: 'login-email', password: 'login-password' }} />
      <form onSubmit={onSubmit} noValidate className="form card">
        <TextField id="login-email" label={t('メールアドレス', 'Email address')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fe.email} />
        <TextField id="login-password" label={t('パスワード', 'Password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fe.password} />
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} aria-describedby="login-remember-hint" />
            {t('ログインしたままにする', 'Keep me signed in')}
          </label>
          <p id="login-remember-hint" className="field__hint">
            {t(
              '新しいタブやブラウザを開き直しても、ログインしたままになります。共用のパソコンではチェックしないでください。',
              'New tabs and a restarted browser stay signed in. Leave it unticked on a shared computer.',
            )}
          </p>
        </div>
        <Button type="submit" busy={busy}>{t('ログイン', 'Log in')}</Button>
      </form>
      <p>
        {t('はじめての方は', 'New here? ')}<Link to="/signup">{t('新規登録', 'Create an account')}</Link>
      </p>
    </section>
  );
}

export function SignupPage() {
  const { t } = useI18n();
  const { register } = useAuth();
  const { navigate } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const { error, busy, onSubmit } = useSubmit(async () => {
    await register(email, password, displayName);
    navigate('/me/profile?welcome=1', { replace: true });
  });
  const fe = error?.fieldErrors() ?? {};
  return (
    <section className="narrow">
      <PageTitle>{t('新規登録', 'Sign up')}</PageTitle>
      <p>{t('地域のプロジェクトに参加して、関わりを記録しましょう。', 'Join regional projects and record your relationships.')}</p>
      <ErrorSummary error={error} fieldIds={{ email: 'signup-email', password: 'signup-password', displayName: 'signup-name' }} />
      <form onSubmit={onSubmit} noValidate className="form card">
        <TextField id="signup-name" label={t('表示名', 'Display name')} autoComplete="nickname" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fe.displayName} />
        <TextField id="signup-email" label={t('メールアドレス', 'Email address')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fe.email} />
        <TextField
          id="signup-password"
          label={t('パスワード', 'Password')}
          type="password"
          autoComplete="new-password"
          required
          hint={t('8文字以上。よく使われるパスワードは使えません。', 'At least 8 characters; very common passwords are refused.')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fe.password}
        />
        <Button type="submit" busy={busy}>{t('登録してはじめる', 'Create account')}</Button>
      </form>
      <p>
        {t('アカウントをお持ちの方は', 'Already registered? ')}<Link to="/login">{t('ログイン', 'Log in')}</Link>
      </p>
    </section>
  );
}
