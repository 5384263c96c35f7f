import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { Project, ProjectCreate, StaffApplication } from '../api/types';
import { useAuth } from '../auth';
import { CoHostEditor } from '../components/CoHostEditor';
import { MunicipalityPicker } from '../components/MunicipalityPicker';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, PageTitle, SelectField, StatusBadge, TextArea, TextField, useActions, useAsync, useSubmit } from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { APPLICATION_STATE_LABELS, CATEGORY_LABELS, COMPENSATION_LABELS, label, MODE_LABELS, PROJECT_STATUS_LABELS, useI18n } from '../i18n';
import { Link, useRouter } from '../router';
import { MunicipalityName } from './ProjectPages';
import { ScoutingPanel } from './ScoutingPanel';

function isoFromLocal(v: string): string {
  return v ? new Date(v).toISOString() : '';
}

function localFromIso(v: string | undefined): string {
  if (!v) return '';
  const d = new Date(v);
  const off = d.getTimezoneOffset() * 60000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

const FIELD_IDS: Record<string, string> = {
  title: 'pj-title',
  description: 'pj-description',
  hostMunicipalityCode: 'pj-host',
  category: 'pj-category',
  mode: 'pj-mode',
  startsAt: 'pj-starts',
  endsAt: 'pj-ends',
  applicationDeadline: 'pj-deadline',
  capacity: 'pj-capacity',
  compensation: 'pj-compensation',
  coHostMunicipalityCodes: 'pj-cohost',
};

function ProjectForm({ initial, onSaved }: { initial?: Project; onSaved(p: Project): void }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [form, setForm] = useState({
    title: initial?.title ?? '',
    description: initial?.description ?? '',
    hostMunicipalityCode: initial?.hostMunicipalityCode ?? me?.scope.municipalityCodes[0] ?? '',
    category: initial?.category ?? 'living_environment',
    mode: initial?.mode ?? 'onsite',
    startsAt: localFromIso(initial?.startsAt),
    endsAt: localFromIso(initial?.endsAt),
    applicationDeadline: localFromIso(initial?.applicationDeadline),
    capacity: String(initial?.capacity ?? 10),
    compensation: initial?.compensation ?? 'volunteer',
    requiredSkills: (initial?.requiredSkills ?? []).join('、'),
  });
  const [coHosts, setCoHosts] = useState<string[]>(initial?.coHostMunicipalityCodes ?? []);
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const body: ProjectCreate = {
      title: form.title,
      description: form.description,
      hostMunicipalityCode: form.hostMunicipalityCode,
      category: form.category as ProjectCreate['category'],
      mode: form.mode as ProjectCreate['mode'],
      startsAt: isoFromLocal(form.startsAt),
      endsAt: isoFromLocal(form.endsAt),
      applicationDeadline: isoFromLocal(form.applicationDeadline),
      capacity: Number(form.capacity),
      compensation: form.compensation as ProjectCreate['compensation'],
      requiredSkills: form.requiredSkills.split(/[、,，]+/).map((s) => s.trim()).filter(Boolean),
      coHostMunicipalityCodes: coHosts,
    };
    const saved = initial
      ? await unwrap(api.PATCH('/api/v1/projects/{id}', { params: { path: { id: initial.id } }, body: { ...body, hostMunicipalityCode: undefined } as never }))
      : await unwrap(api.POST('/api/v1/projects', { body }));
    onSaved(saved);
  });
  const fe = error?.fieldErrors() ?? {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form onSubmit={submit} noValidate className="form card">
      <ErrorSummary error={error} fieldIds={FIELD_IDS} />
      <TextField id="pj-title" label={t('タイトル', 'Title')} required value={form.title} onChange={set('title')} error={fe.title} />
      <TextArea id="pj-description" label={t('説明', 'Description')} required rows={6} value={form.description} onChange={set('description')} error={fe.description} />
      {!initial && <MunicipalityPicker id="pj-host" label={t('主催市区町村', 'Host municipality')} required value={form.hostMunicipalityCode || null} onChange={(c) => setForm({ ...form, hostMunicipalityCode: c ?? '' })} error={fe.hostMunicipalityCode} />}
      <CoHostEditor value={coHosts} onChange={setCoHosts} hostCode={form.hostMunicipalityCode} error={fe.coHostMunicipalityCodes} />
      <div className="grid-3">
        <SelectField id="pj-category" label={t('分野', 'Category')} required value={form.category} onChange={set('category')} error={fe.category} options={Object.keys(CATEGORY_LABELS).map((k) => ({ value: k, label: label(CATEGORY_LABELS, k, lang) }))} />
        <SelectField id="pj-mode" label={t('参加形態', 'Mode')} required value={form.mode} onChange={set('mode')} error={fe.mode} options={Object.keys(MODE_LABELS).map((k) => ({ value: k, label: label(MODE_LABELS, k, lang) }))} />
        <SelectField id="pj-compensation" label={t('報酬・支援', 'Compensation')} required value={form.compensation} onChange={set('compensation')} error={fe.compensation} options={Object.keys(COMPENSATION_LABELS).map((k) => ({ value: k, label: label(COMPENSATION_LABELS, k, lang) }))} />
      </div>
      <div className="grid-3">
        <TextField id="pj-starts" label={t('開始日時', 'Starts')} type="datetime-local" required value={form.startsAt} onChange={set('startsAt')} error={fe.startsAt} />
        <TextField id="pj-ends" label={t('終了日時', 'Ends')} type="datetime-local" required value={form.endsAt} onChange={set('endsAt')} error={fe.endsAt} />
        <TextField id="pj-deadline" label={t('応募締切', 'Application deadline')} type="datetime-local" required value={form.applicationDeadline} onChange={set('applicationDeadline')} error={fe.applicationDeadline} />
      </div>
      <div className="grid-2">
        <TextField id="pj-capacity" label={t('定員', 'Capacity')} type="number" min={1} inputMode="numeric" required value={form.capacity} onChange={set('capacity')} error={fe.capacity} />
        <TextField id="pj-skills" label={t('求めるスキル（読点区切り）', 'Skills (comma-separated)')} value={form.requiredSkills} onChange={set('requiredSkills')} error={fe.requiredSkills} />
      </div>
      <Button type="submit" busy={busy}>{initial ? t('変更を保存', 'Save changes') : t('下書きとして作成', 'Create draft')}</Button>
    </form>
  );
}

export function StaffProjectsPage() {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const [status, setStatus] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useAsync(() => unwrap(api.GET('/api/v1/staff/projects', { params: { query: { status: (status || undefined) as Project['status'] | undefined, limit: 50 } } })), [status]);
  return (
    <section>
      <PageTitle>{t('プロジェクト管理', 'Manage projects')}</PageTitle>
      <div className="section-head">
        <SelectField id="staff-status" label={t('状態で絞り込み', 'Filter by status')} value={status} onChange={(e) => setStatus(e.target.value)} options={[{ value: '', label: t('すべて', 'All') }, ...Object.keys(PROJECT_STATUS_LABELS).map((k) => ({ value: k, label: label(PROJECT_STATUS_LABELS, k, lang) }))]} />
        <Button onClick={() => setCreating(!creating)} aria-expanded={creating}>{creating ? t('作成をやめる', 'Cancel') : t('新しいプロジェクト', 'New project')}</Button>
      </div>
      {creating && <ProjectForm onSaved={(p) => navigate(`/staff/projects/${p.id}?created=1`)} />}
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <EmptyState title={t('プロジェクトはまだありません', 'No projects yet')} />}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('担当するプロジェクト', 'Your projects')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('タイトル', 'Title')}</th>
                <th scope="col">{t('状態', 'Status')}</th>
                <th scope="col">{t('開始', 'Starts')}</th>
                <th scope="col" className="num">{t('定員', 'Capacity')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><Link to={`/staff/projects/${p.id}`}>{p.title}</Link></th>
                  <td><StatusBadge>{label(PROJECT_STATUS_LABELS, p.status, lang)}</StatusBadge></td>
                  <td>{formatDate(p.startsAt, lang)}</td>
                  <td className="num">{p.capacity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const TRANSITIONS: Record<string, Array<'publish' | 'close' | 'complete' | 'cancel'>> = {
  draft: ['publish', 'cancel'],
  published: ['close', 'cancel'],
  closed: ['complete', 'cancel'],
  completed: [],
  cancelled: [],
};

const APP_ACTIONS: Record<string, Array<'accept' | 'reject' | 'waitlist' | 'attended' | 'no-show'>> = {
  applied: ['accept', 'waitlist', 'reject'],
  waitlisted: ['accept', 'reject'],
  accepted: ['attended', 'no-show'],
};

export function StaffProjectPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { search } = useRouter();
  const project = useAsync(() => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })), [id]);
  const apps = useAsync(() => unwrap(api.GET('/api/v1/projects/{projectId}/applications', { params: { path: { projectId: id }, query: { limit: 100 } } })), [id]);
  const [editing, setEditing] = useState(false);
  const { busy, error, setError, notice, setNotice, run } = useActions(
    () => {
      project.reload();
      apps.reload();
    },
    search.get('created') ? t('下書きを作成しました。内容を確認して公開してください。', 'Draft created. Review and publish it.') : null,
  );
  const [code, setCode] = useState<{ code: string; day: string; expiresAt: string } | null>(null);
  useEffect(() => setError(null), [id, setError]);

  if (project.loading) return <Loading />;
  if (project.error) return <ErrorState error={project.error} onRetry={project.reload} />;
  const p = project.data!;
  const transitionLabel = { publish: t('公開する', 'Publish'), close: t('募集を締め切る', 'Close'), complete: t('完了にする', 'Complete'), cancel: t('中止する', 'Cancel project') };
  const appLabel = { accept: t('承認', 'Accept'), reject: t('見送り', 'Reject'), waitlist: t('キャンセル待ち', 'Waitlist'), attended: t('出席', 'Attended'), 'no-show': t('欠席', 'No-show') };
  const transition = (action: 'publish' | 'close' | 'complete' | 'cancel') => {
    if (action === 'cancel') {
      if (!window.confirm(t('プロジェクトを中止しますか？応募者に通知されます。', 'Cancel this project? Applicants will be notified.'))) return;
      return run(() => unwrap(api.POST('/api/v1/projects/{id}/cancel', { params: { path: { id } }, body: {} })), t('中止しました。', 'Cancelled.'));
    }
    const path = `/api/v1/projects/{id}/${action}` as '/api/v1/projects/{id}/publish';
    return run(() => unwrap(api.POST(path, { params: { path: { id } } })), transitionLabel[action] + t('：完了しました。', ': done.'));
  };
  const counts = (apps.data?.items ?? []).reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.state]: (acc[a.state] ?? 0) + 1 }), {});

  return (
    <section>
      <p><Link to="/staff">{t('← プロジェクト一覧', '← All projects')}</Link></p>
      <PageTitle>{p.title}</PageTitle>
      <p>
        <StatusBadge tone={p.status === 'published' ? 'good' : 'neutral'}>{label(PROJECT_STATUS_LABELS, p.status, lang)}</StatusBadge>{' '}
        <span className="muted">{formatDate(p.startsAt, lang)} 〜 {formatDate(p.endsAt, lang)}／{t(`定員 ${p.capacity}人`, `capacity ${p.capacity}`)}</span>
      </p>
      {p.coHostMunicipalityCodes.length > 0 && (
        <p className="muted" data-testid="cohosts">
          {t('共催：', 'Co-hosts: ')}
          {p.coHostMunicipalityCodes.map((c, i) => (
            <span key={c}>{i > 0 && '、'}<MunicipalityName code={c} /></span>
          ))}
        </p>
      )}
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorSummary error={error} />
      <div className="actions">
        {TRANSITIONS[p.status].map((a) => (
          <Button key={a} variant={a === 'cancel' ? 'danger' : 'primary'} busy={busy} onClick={() => transition(a)}>{transitionLabel[a]}</Button>
        ))}
        {(p.status === 'draft' || p.status === 'published') && (
          <Button variant="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>{editing ? t('編集を閉じる', 'Close editor') : t('内容を編集', 'Edit')}</Button>
        )}
      </div>
      {editing && (
        <ProjectForm
          initial={p}
          onSaved={(saved) => {
            project.setData(saved);
            setEditing(false);
            setNotice(t('保存しました。', 'Saved.'));
          }}
        />
      )}

      <section className="card" aria-labelledby="code-title">
        <h2 id="code-title">{t('当日のチェックインコード', "Today's check-in code")}</h2>
        {code ? (
          <p className="checkin-code" aria-live="polite">
            <span className="checkin-code__value" data-testid="checkin-code">{code.code}</span>
            <span className="muted">{t(`${code.day}　有効期限 ${formatDateTime(code.expiresAt, lang)}`, `${code.day}, expires ${formatDateTime(code.expiresAt, lang)}`)}</span>
          </p>
        ) : (
          <p className="muted">{t('参加者は会場でこのコードを入力して出席を記録します。', 'Participants enter this code on site to record attendance.')}</p>
        )}
        <Button variant="secondary" busy={busy} onClick={() => run(async () => setCode(await unwrap(api.POST('/api/v1/projects/{projectId}/check-in-codes', { params: { path: { projectId: id } } }))), t('コードを発行しました。', 'Code issued.'))}>
          {t('コードを発行する', 'Issue code')}
        </Button>
      </section>

      <section className="card" aria-labelledby="applicants-title">
        <h2 id="applicants-title">{t('応募者', 'Applicants')}</h2>
        <p className="muted">
          {Object.entries(counts).map(([s, n]) => `${label(APPLICATION_STATE_LABELS, s, lang)} ${n}`).join('／') || t('応募はまだありません', 'No applications yet')}
        </p>
        {apps.loading && <Loading />}
        {apps.error && <ErrorState error={apps.error} onRetry={apps.reload} />}
        {apps.data && apps.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption>{t('応募者一覧', 'Applicants')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('応募者', 'Applicant')}</th>
                  <th scope="col">{t('状態', 'State')}</th>
                  <th scope="col">{t('応募日', 'Applied')}</th>
                  <th scope="col">{t('操作', 'Actions')}</th>
                </tr>
              </thead>
              <tbody>
                {apps.data.items.map((a: StaffApplication) => {
                  const who = a.contact ? `${a.contact.displayName ?? ''} <${a.contact.email}>` : t(`応募者 ${a.participantId.slice(0, 8)}（連絡先非共有）`, `Applicant ${a.participantId.slice(0, 8)} (contact not shared)`);
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        {who}
                        {a.motivation && <p className="muted pre">{a.motivation}</p>}
                      </th>
                      <td><StatusBadge>{label(APPLICATION_STATE_LABELS, a.state, lang)}</StatusBadge></td>
                      <td>{formatDate(a.appliedAt, lang)}</td>
                      <td>
                        <div className="actions actions--tight">
                          {(APP_ACTIONS[a.state] ?? []).map((action) => (
                            <Button
                              key={action}
                              variant={action === 'reject' || action === 'no-show' ? 'secondary' : 'primary'}
                              busy={busy}
                              aria-label={`${appLabel[action]}：${who}`}
                              onClick={() => run(() => unwrap(api.POST(`/api/v1/applications/{id}/${action}` as '/api/v1/applications/{id}/accept', { params: { path: { id: a.id } } })), `${appLabel[action]}${t('にしました。', ': done.')}`)}
                            >
                              {appLabel[action]}
                            </Button>
                          ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ScoutingPanel projectId={id} projectStatus={p.status} />
    </section>
  );
}
