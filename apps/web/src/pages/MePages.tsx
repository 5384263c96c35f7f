import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import type { Application, Profile, ProfilePut, Project } from '../api/types';
import { MunicipalityPicker } from '../components/MunicipalityPicker';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, PageTitle, SelectField, StatusBadge, TextField, useActions, useAsync, useSubmit } from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { APPLICATION_STATE_LABELS, CATEGORY_LABELS, label, MODE_LABELS, PARTICIPANT_TYPE_LABELS, useI18n } from '../i18n';
import { useAuth } from '../auth';
import { Link, useRouter } from '../router';
import { MunicipalityName } from './ProjectPages';

async function loadMyApplications(): Promise<Array<{ application: Application; project: Project | null }>> {
  const page = await unwrap(api.GET('/api/v1/me/applications', { params: { query: { limit: 100 } } }));
  return Promise.all(
    page.items.map(async (application) => ({
      application,
      project: await unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id: application.projectId } } })).catch(() => null),
    })),
  );
}

const STATE_TONE: Record<string, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  applied: 'info',
  accepted: 'good',
  attended: 'good',
  waitlisted: 'warn',
  rejected: 'neutral',
  no_show: 'bad',
  withdrawn: 'neutral',
  cancelled: 'bad',
};

export function MyApplicationsPage() {
  const { t, lang } = useI18n();
  const list = useAsync(loadMyApplications, []);
  return (
    <section>
      <PageTitle>{t('応募状況', 'My applications')}</PageTitle>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && (
        <EmptyState title={t('まだ応募はありません', 'No applications yet')}>
          <p><Link to="/projects">{t('プロジェクトを探す', 'Find a project')}</Link></p>
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <ul className="card-list">
          {list.data.map(({ application, project }) => (
            <li key={application.id} className="card">
              <h2 className="project-card__title">
                <Link to={`/projects/${application.projectId}`}>{project?.title ?? t('（非公開のプロジェクト）', '(unavailable project)')}</Link>
              </h2>
              <p>
                <StatusBadge tone={STATE_TONE[application.state]}>{label(APPLICATION_STATE_LABELS, application.state, lang)}</StatusBadge>
              </p>
              <p className="muted">
                {t('応募日：', 'Applied: ')}
                {formatDate(application.appliedAt, lang)}
                {project && <> ／ {t('開催：', 'Starts: ')}{formatDate(project.startsAt, lang)}</>}
              </p>
              {application.state === 'accepted' && (
                <p><Link to="/me/check-in">{t('当日はこちらからチェックイン', 'Check in on the day')}</Link></p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function CheckInPage() {
  const { t, lang } = useI18n();
  const list = useAsync(loadMyApplications, []);
  const [projectId, setProjectId] = useState('');
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const accepted = (list.data ?? []).filter((x) => x.application.state === 'accepted');
  useEffect(() => {
    if (!projectId && accepted[0]) setProjectId(accepted[0].application.projectId);
  }, [accepted, projectId]);
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    setDone(null);
    await unwrap(api.POST('/api/v1/projects/{projectId}/check-in', { params: { path: { projectId } }, body: { code: code.trim() } }));
    setDone(t('チェックインしました。ご参加ありがとうございます！', 'Checked in. Thank you for taking part!'));
    setCode('');
    list.reload();
  });
  return (
    <section className="narrow">
      <PageTitle>{t('チェックイン', 'Check in')}</PageTitle>
      <p>{t('会場でスタッフが表示するコードを入力してください。', 'Enter the code the host staff show on the day.')}</p>
      {done && <Notice tone="success">{done}</Notice>}
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && accepted.length === 0 && !done && (
        <EmptyState title={t('チェックインできる参加予定はありません', 'Nothing to check in to')}>
          <p>{t('参加が決定したプロジェクトがここに表示されます。', 'Accepted projects appear here.')}</p>
        </EmptyState>
      )}
      {accepted.length > 0 && (
        <form onSubmit={submit} noValidate className="form card">
          <ErrorSummary error={error} fieldIds={{ code: 'checkin-code' }} />
          <SelectField
            id="checkin-project"
            label={t('プロジェクト', 'Project')}
            value={projectId}
            onChange={(e) => setProjectId(e.target.value)}
            options={accepted.map((x) => ({
              value: x.application.projectId,
              label: `${x.project?.title ?? x.application.projectId}（${formatDate(x.project?.startsAt, lang)}）`,
            }))}
          />
          <TextField
            id="checkin-code"
            label={t('チェックインコード', 'Check-in code')}
            inputMode="text"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={error?.fieldErrors().code ?? (error && !error.problem.errors?.length ? error.problem.detail ?? error.problem.title : undefined)}
          />
          <Button type="submit" busy={busy}>{t('チェックインする', 'Check in')}</Button>
        </form>
      )}
    </section>
  );
}

export function RegistrationsPage() {
  const { t, lang } = useI18n();
  const list = useAsync(() => unwrap(api.GET('/api/v1/me/registrations')), []);
  const [code, setCode] = useState<string | null>(null);
  const { busy, error, notice: done, run: act } = useActions(list.reload);
  return (
    <section>
      <PageTitle>{t('ふるさと住民登録', 'Furusato registrations')}</PageTitle>
      <p>{t('応援したい市区町村に登録できます（お住まいの市区町村は登録できません）。', 'Register with municipalities you care about (not your own residence).')}</p>
      {done && <Notice tone="success">{done}</Notice>}
      <ErrorSummary error={error} fieldIds={{ municipalityCode: 'reg-municipality' }} />
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          if (code) act(() => unwrap(api.POST('/api/v1/me/registrations', { body: { municipalityCode: code } })).then(() => setCode(null)), t('登録しました。', 'Registered.'));
        }}
      >
        <MunicipalityPicker id="reg-municipality" label={t('登録する市区町村', 'Municipality')} value={code} onChange={setCode} error={error?.fieldErrors().municipalityCode} />
        <Button type="submit" busy={busy} disabled={!code}>{t('ベーシック登録する', 'Register (basic)')}</Button>
      </form>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <EmptyState title={t('登録している市区町村はありません', 'No registrations yet')} />}
      {list.data && list.data.items.length > 0 && (
        <>
          <p className="muted">
            {t(
              `プレミアム登録：直近${list.data.rules.windowMonths}か月に${list.data.rules.premiumMinActivities}回以上の活動で申請可（最大${list.data.rules.premiumMaxMunicipalities}市区町村、現在${list.data.premiumCount}）`,
              `Premium: ${list.data.rules.premiumMinActivities}+ activities in ${list.data.rules.windowMonths} months (max ${list.data.rules.premiumMaxMunicipalities}; you hold ${list.data.premiumCount})`,
            )}
          </p>
          <ul className="card-list">
            {list.data.items.map((r) => (
              <li key={r.id} className="card">
                <h2 className="project-card__title"><MunicipalityName code={r.municipalityCode} /></h2>
                <p>
                  <StatusBadge tone={r.tier === 'premium' ? 'good' : 'info'}>{r.tier === 'premium' ? t('プレミアム', 'Premium') : t('ベーシック', 'Basic')}</StatusBadge>{' '}
                  <span className="muted">{t('登録日：', 'Since: ')}{formatDate(r.registeredAt, lang)}</span>
                </p>
                {r.tier === 'basic' && (
                  <>
                    <p>
                      {r.premiumEligibility.eligible
                        ? t('プレミアム登録の条件を満たしています', 'Eligible for premium')
                        : t(
                            `プレミアムまであと ${r.premiumEligibility.remaining} 回（活動 ${r.premiumEligibility.activitiesInWindow}/${r.premiumEligibility.required}）`,
                            `${r.premiumEligibility.remaining} more activities to premium (${r.premiumEligibility.activitiesInWindow}/${r.premiumEligibility.required})`,
                          )}
                    </p>
                    <progress max={r.premiumEligibility.required} value={r.premiumEligibility.activitiesInWindow} aria-label={t('プレミアム条件の達成度', 'Progress to premium')} />
                  </>
                )}
                <div className="actions">
                  {r.tier === 'basic' && r.premiumEligibility.eligible && (
                    <Button busy={busy} onClick={() => act(() => unwrap(api.POST('/api/v1/me/registrations/{municipalityCode}/premium', { params: { path: { municipalityCode: r.municipalityCode } } })), t('プレミアム登録しました。', 'Premium granted.'))}>
                      {t('プレミアムに申請', 'Request premium')}
                    </Button>
                  )}
                  <Button variant="secondary" busy={busy} onClick={() => act(() => unwrap(api.DELETE('/api/v1/me/registrations/{municipalityCode}', { params: { path: { municipalityCode: r.municipalityCode } } })), t('登録を取り消しました。', 'Registration withdrawn.'))}>
                    {t('登録を取り消す', 'Withdraw')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function InboxPage() {
  const { t, lang } = useI18n();
  const list = useAsync(() => unwrap(api.GET('/api/v1/me/notifications')), []);
  const markAll = async () => {
    await unwrap(api.POST('/api/v1/me/notifications/read-all')).catch(() => undefined);
    list.reload();
  };
  const unread = list.data?.items.filter((n) => !n.readAt).length ?? 0;
  return (
    <section>
      <PageTitle>{t('お知らせ', 'Inbox')}</PageTitle>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <EmptyState title={t('お知らせはありません', 'No notifications')} />}
      {list.data && list.data.items.length > 0 && (
        <>
          <p>
            {t(`未読 ${unread} 件`, `${unread} unread`)}{' '}
            {unread > 0 && <Button variant="secondary" onClick={markAll}>{t('すべて既読にする', 'Mark all read')}</Button>}
          </p>
          <ul className="card-list">
            {list.data.items.map((n) => (
              <li key={n.id} className={`card${n.readAt ? '' : ' card--unread'}`}>
                <h2 className="project-card__title">
                  {!n.readAt && <StatusBadge tone="info">{t('未読', 'New')}</StatusBadge>} {n.subject}
                </h2>
                <p className="muted">{formatDateTime(n.createdAt, lang)}</p>
                <p className="pre">{n.body}</p>
                {!n.readAt && (
                  <Button
                    variant="text"
                    onClick={async () => {
                      await unwrap(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id: n.id } } })).catch(() => undefined);
                      list.reload();
                    }}
                  >
                    {t('既読にする', 'Mark read')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <NotificationPreferences />
    </section>
  );
}

const EVENT_LABELS: Record<string, [string, string]> = {
  'application.received': ['応募の受付', 'Application received'],
  'application.accepted': ['参加決定', 'Application accepted'],
  'application.rejected': ['見送り', 'Application not selected'],
  'application.waitlisted': ['キャンセル待ち', 'Waitlisted'],
  'application.offered': ['繰り上げのご案内', 'Seat offered'],
  'application.cancelled': ['応募の取消', 'Application cancelled'],
  'project.changed': ['プロジェクトの変更', 'Project changed'],
  'project.cancelled': ['プロジェクトの中止', 'Project cancelled'],
  'project.reminder': ['開催前のリマインド', 'Reminder before the day'],
  'applications.unanswered': ['未対応の応募', 'Unanswered applications'],
  'digest.weekly': ['お知らせの週間まとめ', 'Weekly summary of notices'],
  'registration.confirmed': ['ふるさと住民登録の完了', 'Registration confirmed'],
  'registration.premium_granted': ['プレミアム登録', 'Premium granted'],
  'kpi.milestone_reached': ['KPI の達成', 'KPI milestone'],
  'system.announcement': ['運営からのお知らせ', 'Announcements'],
  'digest.new_projects': ['あなたに合う新着プロジェクト（週1回）', 'New projects for you (weekly)'],
  'scout.invited': ['主催者からのお誘い（スカウト）', 'Invitations from hosts'],
};

/** Channels per event: the in-app inbox always; email per event, or bundled in the digest. */
function NotificationPreferences() {
  const { t, lang } = useI18n();
  const prefs = useAsync(() => unwrap(api.GET('/api/v1/me/notification-preferences')), []);
  const [saved, setSaved] = useState(false);
  const { busy, error, onSubmit: save } = useSubmit(async () => {
    setSaved(false);
    const p = prefs.data!;
    prefs.setData(
      await unwrap(
        api.PUT('/api/v1/me/notification-preferences', {
          body: { emailEnabled: p.emailEnabled, language: p.language, events: p.events.map(({ eventType, email, digest }) => ({ eventType, email, digest })) },
        }),
      ),
    );
    setSaved(true);
  });
  if (prefs.loading) return <Loading />;
  if (prefs.error) return <ErrorState error={prefs.error} onRetry={prefs.reload} />;
  const p = prefs.data!;
  return (
    <section className="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('通知の設定', 'Notification settings')}</h2>
      {saved && <Notice tone="success">{t('通知の設定を保存しました。', 'Notification settings saved.')}</Notice>}
      <ErrorSummary error={error} />
      <form onSubmit={save} noValidate>
        <label className="check">
          <input type="checkbox" checked={p.emailEnabled} onChange={(e) => prefs.setData({ ...p, emailEnabled: e.target.checked })} />
          {t('メールでも受け取る', 'Also by email')}
        </label>
        <SelectField
          id="prefs-language"
          label={t('通知の言語', 'Language of notifications')}
          value={p.language}
          onChange={(e) => prefs.setData({ ...p, language: e.target.value as 'ja' | 'en' })}
          options={[{ value: 'ja', label: '日本語' }, { value: 'en', label: 'English' }]}
        />
        <fieldset className="fieldset" disabled={!p.emailEnabled}>
          <legend>{t('メールで受け取る通知', 'Email per event')}</legend>
          {p.events.map((ev, i) => (
            <label key={ev.eventType} className="check">
              <input
                type="checkbox"
                checked={ev.email}
                onChange={(e) => prefs.setData({ ...p, events: p.events.map((x, j) => (j === i ? { ...x, email: e.target.checked } : x)) })}
              />
              {label(EVENT_LABELS, ev.eventType, lang)}
            </label>
          ))}
        </fieldset>
        <Button type="submit" busy={busy}>{t('設定を保存', 'Save settings')}</Button>
      </form>
    </section>
  );
}

const EMPTY_PROFILE: ProfilePut = { displayName: '', residenceMunicipalityCode: '', hometownMunicipalityCode: null, participantType: 'urban_resident', skills: [], interests: [], modes: [] };

export function ProfilePage() {
  const { t, lang } = useI18n();
  const { search } = useRouter();
  const loaded = useAsync<Profile | null>(
    () => unwrap(api.GET('/api/v1/me/profile')).catch((e: ApiError) => (e.status === 404 ? null : Promise.reject(e))),
    [],
  );
  const { me } = useAuth();
  const [form, setForm] = useState<ProfilePut>({ ...EMPTY_PROFILE, displayName: me?.displayName ?? '' });
  const [skills, setSkills] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    setSaved(false);
    const body: ProfilePut = {
      ...form,
      skills: skills.split(/[、,，\s]+/).map((s) => s.trim()).filter(Boolean),
    };
    loaded.setData(await unwrap(api.PUT('/api/v1/me/profile', { body })));
    setSaved(true);
  });
  useEffect(() => {
    const p = loaded.data;
    if (!p) return;
    setForm({
      displayName: p.displayName,
      residenceMunicipalityCode: p.residenceMunicipalityCode,
      hometownMunicipalityCode: p.hometownMunicipalityCode ?? null,
      interestRegionCodes: p.interestRegionCodes,
      skills: p.skills,
      interests: p.interests,
      modes: p.modes,
      availability: p.availability,
      participantType: p.participantType,
    });
    setSkills(p.skills.join('、'));
  }, [loaded.data]);
  if (loaded.loading) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const fe = error?.fieldErrors() ?? {};
  const toggle = <K extends 'interests' | 'modes'>(key: K, value: NonNullable<ProfilePut[K]>[number]) => {
    const cur = (form[key] ?? []) as string[];
    setForm({ ...form, [key]: cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value] });
  };
  return (
    <section className="narrow">
      <PageTitle>{t('プロフィール', 'Profile')}</PageTitle>
      {search.get('welcome') && !loaded.data && <Notice>{t('ご登録ありがとうございます。まずはプロフィールを入力しましょう。', 'Welcome! Start by filling in your profile.')}</Notice>}
      {saved && <Notice tone="success">{t('保存しました。', 'Saved.')}</Notice>}
      <ErrorSummary error={error} fieldIds={{ displayName: 'profile-name', residenceMunicipalityCode: 'profile-residence', hometownMunicipalityCode: 'profile-hometown', participantType: 'profile-type' }} />
      <form onSubmit={submit} noValidate className="form card">
        <TextField id="profile-name" label={t('表示名', 'Display name')} required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} error={fe.displayName} />
        <MunicipalityPicker id="profile-residence" label={t('居住地（市区町村）', 'Residence municipality')} required value={form.residenceMunicipalityCode || null} onChange={(c) => setForm({ ...form, residenceMunicipalityCode: c ?? '' })} error={fe.residenceMunicipalityCode} />
        <MunicipalityPicker id="profile-hometown" label={t('出身地（任意）', 'Hometown (optional)')} value={form.hometownMunicipalityCode ?? null} onChange={(c) => setForm({ ...form, hometownMunicipalityCode: c })} error={fe.hometownMunicipalityCode} />
        <SelectField
          id="profile-type"
          label={t('参加者の区分', 'Participant type')}
          required
          value={form.participantType}
          onChange={(e) => setForm({ ...form, participantType: e.target.value as ProfilePut['participantType'] })}
          options={Object.keys(PARTICIPANT_TYPE_LABELS).map((k) => ({ value: k, label: label(PARTICIPANT_TYPE_LABELS, k, lang) }))}
          error={fe.participantType}
        />
        <TextField id="profile-skills" label={t('スキル（読点区切り）', 'Skills (comma-separated)')} value={skills} onChange={(e) => setSkills(e.target.value)} error={fe.skills} />
        <fieldset className="fieldset">
          <legend>{t('関心のある分野', 'Interests')}</legend>
          {Object.keys(CATEGORY_LABELS).map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={(form.interests ?? []).includes(k as never)} onChange={() => toggle('interests', k as never)} />
              {label(CATEGORY_LABELS, k, lang)}
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('参加形態', 'Participation modes')}</legend>
          {Object.keys(MODE_LABELS).map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={(form.modes ?? []).includes(k as never)} onChange={() => toggle('modes', k as never)} />
              {label(MODE_LABELS, k, lang)}
            </label>
          ))}
        </fieldset>
        <Button type="submit" busy={busy}>{t('保存する', 'Save')}</Button>
      </form>
      <DeleteAccount />
    </section>
  );
}

/** Account deletion: personal data removed at once; relationships end today (PRODUCT.md §3.9). */
function DeleteAccount() {
  const { t } = useI18n();
  const { logout } = useAuth();
  const { navigate } = useRouter();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    await unwrap(api.DELETE('/api/v1/me', { body: { password } }));
    await logout().catch(() => undefined);
    navigate('/?deleted=1', { replace: true });
  });
  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('アカウントの削除', 'Delete account')}</h2>
      <p>{t('個人情報はすぐに削除され、各市区町村との関わりは本日で終了します。元に戻せません。', 'Your personal data is removed at once and your relationships end today. This cannot be undone.')}</p>
      {!open ? (
        <Button variant="danger" onClick={() => setOpen(true)} aria-expanded={open}>{t('アカウントを削除する', 'Delete my account')}</Button>
      ) : (
        <form onSubmit={submit} noValidate>
          <TextField
            id="delete-password"
            label={t('確認のため現在のパスワードを入力', 'Enter your current password to confirm')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error ? (error.fieldErrors().password ?? error.problem.detail ?? error.problem.title) : undefined}
          />
          <div className="actions">
            <Button type="submit" variant="danger" busy={busy}>{t('削除を確定する', 'Delete permanently')}</Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>{t('やめる', 'Cancel')}</Button>
          </div>
        </form>
      )}
    </section>
  );
}
