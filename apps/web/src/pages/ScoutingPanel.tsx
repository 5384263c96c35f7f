import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import type { Project, ScoutCandidate } from '../api/types';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, StatusBadge, TextArea, useAsync } from '../components/ui';
import { formatDateTime } from '../format';
import { label, MODE_LABELS, PARTICIPANT_TYPE_LABELS, useI18n } from '../i18n';
import { loadPrefectures } from '../regions';

export const INVITATION_STATUS_LABELS: Record<string, [string, string]> = {
  pending: ['回答待ち', 'Pending'],
  accepted: ['承諾', 'Accepted'],
  declined: ['辞退', 'Declined'],
};

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError({ title: String(e), status: 0 });
}

/**
 * スカウト (host staff): pseudonymous candidates who consented to be scouted, with the reasons
 * they fit; one invitation each (rate-limited per project — the 429 message is shown as is).
 * Names appear only in the invitation list, after the participant accepted.
 */
export function ScoutingPanel({ projectId, projectStatus }: { projectId: string; projectStatus: Project['status'] }) {
  const { t, lang } = useI18n();
  const open = projectStatus === 'published';
  const candidates = useAsync(
    () => (open ? unwrap(api.GET('/api/v1/projects/{id}/candidates', { params: { path: { id: projectId }, query: { limit: 20 } } })) : Promise.resolve({ items: [] })),
    [projectId, open],
  );
  const invitations = useAsync(() => unwrap(api.GET('/api/v1/projects/{id}/invitations', { params: { path: { id: projectId }, query: { limit: 50 } } })), [projectId]);
  const prefectures = useAsync(loadPrefectures, []);
  const prefName = (code: string) => prefectures.data?.find((p) => p.code === code)?.name ?? code;
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const invite = async (c: ScoutCandidate) => {
    setBusy(c.candidateId);
    setError(null);
    setNotice(null);
    try {
      await unwrap(api.POST('/api/v1/projects/{id}/invitations', { params: { path: { id: projectId } }, body: { candidateId: c.candidateId, message: message.trim() || undefined } }));
      setNotice(t(`${c.pseudonym} さんに招待を送りました。`, `Invitation sent to ${c.pseudonym}.`));
      candidates.reload();
      invitations.reload();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="scout-title">
      <h2 id="scout-title">{t('スカウト', 'Scouting')}</h2>
      <p className="muted">
        {t(
          'スカウトに同意した参加者のうち、このプロジェクトに合う人を仮名で表示します。氏名は相手が招待を承諾した後にだけ表示されます。',
          'Participants who agreed to be scouted and fit this project, shown under pseudonyms. Names appear only after they accept.',
        )}
      </p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorSummary error={error} fieldIds={{ message: 'scout-message' }} />
      {!open ? (
        <EmptyState title={t('募集中のプロジェクトだけがスカウトできます', 'Only a published project can scout')} />
      ) : (
        <>
          <TextArea
            id="scout-message"
            label={t('招待メッセージ（任意）', 'Invitation message (optional)')}
            hint={t('1,000文字以内。すべての招待に添えられます。', 'Up to 1,000 characters; sent with each invitation.')}
            rows={3}
            maxLength={1000}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            error={error?.fieldErrors().message}
          />
          {candidates.loading && <Loading />}
          {candidates.error && <ErrorState error={candidates.error} onRetry={candidates.reload} />}
          {candidates.data && candidates.data.items.length === 0 && (
            <EmptyState title={t('いま紹介できる候補者はいません', 'No candidates right now')}>
              <p>{t('スカウトに同意した参加者が増えると表示されます。', 'Candidates appear as more participants agree to be scouted.')}</p>
            </EmptyState>
          )}
          {candidates.data && candidates.data.items.length > 0 && (
            <ul className="card-list" aria-label={t('スカウト候補', 'Candidates')}>
              {candidates.data.items.map((c) => (
                <li key={c.candidateId} className="card">
                  <h3 className="project-card__title">{c.pseudonym}</h3>
                  <p className="muted">
                    {label(PARTICIPANT_TYPE_LABELS, c.participantType, lang)}／{t('居住：', 'Lives in: ')}
                    {prefName(c.residencePrefectureCode)}
                    {c.modes.length > 0 && <>／{c.modes.map((m) => label(MODE_LABELS, m, lang)).join('・')}</>}
                  </p>
                  {c.skills.length > 0 && (
                    <p>
                      {t('スキル：', 'Skills: ')}
                      {c.skills.join('、')}
                    </p>
                  )}
                  <ul className="rec-reasons" aria-label={t(`${c.pseudonym} さんを勧める理由`, `Why ${c.pseudonym}`)}>
                    {c.reasons.map((r) => (
                      <li key={r.code + (r.subject ?? '')}>
                        <StatusBadge tone="info">{lang === 'en' ? r.en : r.ja}</StatusBadge>
                      </li>
                    ))}
                  </ul>
                  <p>
                    <Button busy={busy === c.candidateId} disabled={busy !== null} onClick={() => invite(c)} aria-label={t(`${c.pseudonym} さんを招待する`, `Invite ${c.pseudonym}`)}>
                      {t('招待する', 'Invite')}
                    </Button>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      <h3>{t('送った招待', 'Invitations sent')}</h3>
      {invitations.loading && <Loading />}
      {invitations.error && <ErrorState error={invitations.error} onRetry={invitations.reload} />}
      {invitations.data && invitations.data.items.length === 0 && <EmptyState title={t('まだ招待を送っていません', 'No invitations yet')} />}
      {invitations.data && invitations.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="scout-invitations">
            <caption>{t('スカウト招待の状況', 'Invitation status')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('候補者', 'Candidate')}</th>
                <th scope="col">{t('状態', 'Status')}</th>
                <th scope="col">{t('送信日時', 'Sent')}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    {i.participant ? `${i.participant.displayName}（${i.pseudonym}）` : i.pseudonym}
                  </th>
                  <td>
                    <StatusBadge tone={i.status === 'accepted' ? 'good' : i.status === 'declined' ? 'neutral' : 'info'}>
                      {label(INVITATION_STATUS_LABELS, i.status, lang)}
                    </StatusBadge>
                  </td>
                  <td>{formatDateTime(i.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
