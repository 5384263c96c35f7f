import { api, unwrap } from '../api/client';
import type { MyInvitation } from '../api/types';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, PageTitle, StatusBadge, useActions, useAsync } from '../components/ui';
import { formatDateTime } from '../format';
import { label, useI18n } from '../i18n';
import { Link } from '../router';

const STATUS_LABELS: Record<string, [string, string]> = {
  pending: ['回答待ち', 'Awaiting your answer'],
  accepted: ['承諾しました', 'Accepted'],
  declined: ['辞退しました', 'Declined'],
};

/** The participant's scouting invitations (accept / decline) and the 「スカウトを受け取る」 consent. */
export function InvitationsPage() {
  const { t, lang } = useI18n();
  const list = useAsync(() => unwrap(api.GET('/api/v1/me/invitations', { params: { query: { limit: 50 } } })), []);
  const consents = useAsync(() => unwrap(api.GET('/api/v1/me/consents')), []);
  const scouted = consents.data?.find((c) => c.purpose === 'be_scouted')?.granted ?? false;
  // An answer can change both lists (accepting reveals you; consent decides whether invitations come).
  const { busy, error, notice, run } = useActions(() => {
    list.reload();
    consents.reload();
  });

  const answer = (inv: MyInvitation, action: 'accept' | 'decline') =>
    run(
      () => unwrap(api.POST(`/api/v1/me/invitations/{id}/${action}` as '/api/v1/me/invitations/{id}/accept', { params: { path: { id: inv.id } } })),
      action === 'accept'
        ? t('招待を承諾しました。主催者にあなたの表示名が伝わります。', 'Accepted. The host can now see your display name.')
        : t('招待を辞退しました。', 'Declined.'),
    );

  return (
    <section>
      <PageTitle>{t('スカウト', 'Scouting invitations')}</PageTitle>
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorSummary error={error} />

      <section className="card" aria-labelledby="scout-consent-title">
        <h2 id="scout-consent-title">{t('スカウトの受け取り', 'Receiving invitations')}</h2>
        <p>
          {t(
            '同意すると、プロフィール（スキル・関心・居住都道府県）に合うプロジェクトの主催者から、氏名を伏せた状態で招待が届くことがあります。',
            'If you agree, hosts of projects that fit your profile (skills, interests, prefecture) may invite you without seeing your name.',
          )}
        </p>
        {consents.loading && <Loading />}
        {consents.error && <ErrorState error={consents.error} onRetry={consents.reload} />}
        {consents.data && (
          <>
            <p aria-live="polite">
              {t('現在：', 'Now: ')}
              <StatusBadge tone={scouted ? 'good' : 'neutral'}>{scouted ? t('受け取る', 'On') : t('受け取らない', 'Off')}</StatusBadge>
            </p>
            <Button
              variant={scouted ? 'secondary' : 'primary'}
              busy={busy}
              onClick={() =>
                run(
                  () => unwrap(api.PUT('/api/v1/me/consents/{purpose}', { params: { path: { purpose: 'be_scouted' } }, body: { granted: !scouted } })),
                  scouted ? t('スカウトの受け取りを停止しました。', 'You will no longer be scouted.') : t('スカウトを受け取るようにしました。', 'You can now be scouted.'),
                )
              }
            >
              {scouted ? t('スカウトを受け取らない', 'Stop receiving invitations') : t('スカウトを受け取る', 'Receive invitations')}
            </Button>
          </>
        )}
      </section>

      <h2>{t('届いた招待', 'Your invitations')}</h2>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && (
        <EmptyState title={t('招待はまだ届いていません', 'No invitations yet')}>
          <p>{t('プロフィールを充実させると、合うプロジェクトから招待が届きやすくなります。', 'A fuller profile helps projects find you.')}</p>
        </EmptyState>
      )}
      {list.data && list.data.items.length > 0 && (
        <ul className="card-list">
          {list.data.items.map((inv) => (
            <li key={inv.id} className="card">
              <h3 className="project-card__title">
                <Link to={`/projects/${inv.projectId}`}>{inv.projectTitle}</Link>
              </h3>
              <p>
                <StatusBadge tone={inv.status === 'accepted' ? 'good' : inv.status === 'pending' ? 'info' : 'neutral'}>{label(STATUS_LABELS, inv.status, lang)}</StatusBadge>
              </p>
              {inv.message && <p className="pre">{inv.message}</p>}
              <p className="muted">
                {t('受信：', 'Received: ')}
                {formatDateTime(inv.createdAt, lang)}
              </p>
              {inv.status === 'pending' && (
                <div className="actions actions--tight">
                  <Button busy={busy} onClick={() => answer(inv, 'accept')} aria-label={t(`承諾する：${inv.projectTitle}`, `Accept: ${inv.projectTitle}`)}>
                    {t('承諾する', 'Accept')}
                  </Button>
                  <Button variant="secondary" busy={busy} onClick={() => answer(inv, 'decline')} aria-label={t(`辞退する：${inv.projectTitle}`, `Decline: ${inv.projectTitle}`)}>
                    {t('辞退する', 'Decline')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
