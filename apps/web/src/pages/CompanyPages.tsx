import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useAuth } from '../auth';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, PageTitle, TextField, useAsync, useSubmit } from '../components/ui';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';

/** The link an employee opens; the token travels in the fragment, so it never reaches server logs. */
function acceptLink(token: string): string {
  return `${location.origin}/me/company#token=${encodeURIComponent(token)}`;
}

function CompanyCard({ companyId }: { companyId: string }) {
  const { t, lang } = useI18n();
  const org = useAsync(() => unwrap(api.GET('/api/v1/organizations/{organizationId}', { params: { path: { organizationId: companyId } } })), [companyId]);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<{ email: string; token: string; expiresAt: string } | null>(null);
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    setSent(null);
    const inv = await unwrap(api.POST('/api/v1/organizations/{organizationId}/invitations', { params: { path: { organizationId: companyId } }, body: { email } }));
    setSent({ email, token: inv.token, expiresAt: inv.expiresAt });
    setEmail('');
  });
  if (org.loading) return <Loading />;
  if (org.error) return <ErrorState error={org.error} onRetry={org.reload} />;
  const o = org.data!;
  return (
    <>
      <section className="card" aria-labelledby={`company-${companyId}`}>
        <h2 id={`company-${companyId}`}>{o.name}</h2>
        <dl className="facts">
          <dt>{t('法人番号', 'Corporate number')}</dt>
          <dd>{o.corporateNumber ?? t('未登録', 'Not registered')}</dd>
          <dt>{t('登録日', 'Registered')}</dt>
          <dd>{formatDateTime(o.createdAt, lang)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby={`invite-${companyId}`}>
        <h2 id={`invite-${companyId}`}>{t('従業員を招待', 'Invite an employee')}</h2>
        <p className="muted">
          {t(
            '従業員がこの招待を承諾すると、会社の取組として参加が記録されます。承諾には、招待したメールアドレスで登録した参加者アカウントが必要です。',
            'When the employee accepts, their participation counts for the company. They must accept with a participant account registered under the invited email.',
          )}
        </p>
        {sent && (
          <Notice tone="success">
            <p>{t(`${sent.email} への招待を作成しました。次のリンクを本人に送ってください（この画面でしか表示されません）。`, `Invitation for ${sent.email} created. Send this link to them (shown only here).`)}</p>
            <p>
              <label htmlFor="invite-link" className="field__label">{t('招待リンク', 'Invitation link')}</label>
              <input id="invite-link" className="input" readOnly value={acceptLink(sent.token)} onFocus={(e) => e.currentTarget.select()} />
            </p>
            <p>{t(`有効期限：${formatDateTime(sent.expiresAt, lang)}`, `Expires: ${formatDateTime(sent.expiresAt, lang)}`)}</p>
          </Notice>
        )}
        <ErrorSummary error={error} fieldIds={{ email: 'invite-email' }} />
        <form onSubmit={submit} noValidate className="form">
          <TextField id="invite-email" label={t('従業員のメールアドレス', "Employee's email address")} type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fieldErrors().email} />
          <Button type="submit" busy={busy}>{t('招待リンクを作成', 'Create invitation link')}</Button>
        </form>
      </section>
    </>
  );
}

/** company_admin: their company and employee invitations (the organizations API has no employee list). */
export function CompanyAdminPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const ids = me?.scope.companyIds ?? [];
  return (
    <section>
      <PageTitle>{t('企業の管理', 'Company')}</PageTitle>
      {ids.length === 0 && <EmptyState title={t('管理する企業がありません', 'You manage no company')} />}
      {ids.map((id) => (
        <CompanyCard key={id} companyId={id} />
      ))}
    </section>
  );
}

/** A participant accepts a company invitation from the link (token in the fragment) or by pasting it. */
export function AcceptCompanyInvitationPage() {
  const { t } = useI18n();
  const fromHash = () => new URLSearchParams(location.hash.slice(1)).get('token');
  const [token, setToken] = useState(() => fromHash() ?? '');
  useEffect(() => {
    // A link opened while this page is already showing only changes the fragment.
    const onHash = () => {
      const next = fromHash();
      if (next) setToken(next);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const res = await unwrap(api.POST('/api/v1/organizations/invitations/accept', { body: { token: token.trim() } }));
    const org = await unwrap(api.GET('/api/v1/organizations/{organizationId}', { params: { path: { organizationId: res.organizationId } } })).catch(() => null);
    setDone(org ? t(`「${org.name}」の従業員として登録しました。`, `You are now linked to “${org.name}”.`) : t('企業の従業員として登録しました。', 'You are now linked to the company.'));
    history.replaceState(null, '', location.pathname);
  });
  return (
    <section className="narrow">
      <PageTitle>{t('企業からの招待', 'Company invitation')}</PageTitle>
      {done ? (
        <>
          <Notice tone="success">{done}</Notice>
          <p><Link to="/projects">{t('プロジェクトを探す', 'Find projects')}</Link></p>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="form card">
          <ErrorSummary error={error} fieldIds={{ token: 'company-token' }} />
          <TextField
            id="company-token"
            label={t('招待コード', 'Invitation code')}
            hint={t('勤務先から届いたリンクを開くと自動で入力されます。', 'Filled in when you open the link from your employer.')}
            required
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            error={error?.fieldErrors().token ?? (error?.status === 404 ? error.problem.title : undefined)}
          />
          <Button type="submit" busy={busy}>{t('招待を承諾する', 'Accept the invitation')}</Button>
        </form>
      )}
    </section>
  );
}
