import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import type { Application, Category, Mode, Prefecture, Project } from '../api/types';
import { useAuth } from '../auth';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, PageTitle, SelectField, StatusBadge, TextArea, TextField, useActions, useAsync } from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { APPLICATION_STATE_LABELS, CATEGORY_LABELS, COMPENSATION_LABELS, label, MODE_LABELS, PROJECT_STATUS_LABELS, useI18n } from '../i18n';
import { loadMunicipality, loadPrefectures } from '../regions';
import { Link, useRouter } from '../router';

export function usePrefectures(): Prefecture[] {
  const [list, setList] = useState<Prefecture[]>([]);
  useEffect(() => {
    loadPrefectures().then(setList, () => setList([]));
  }, []);
  return list;
}

export function MunicipalityName({ code }: { code: string }) {
  const [name, setName] = useState(code);
  useEffect(() => {
    loadMunicipality(code).then((m) => m && setName(m.name));
  }, [code]);
  return <>{name}</>;
}

export function ProjectCard({ project }: { project: Project }) {
  const { t, lang } = useI18n();
  return (
    <li className="card project-card">
      <h2 className="project-card__title">
        <Link to={`/projects/${project.id}`}>{project.title}</Link>
      </h2>
      <p className="project-card__meta">
        <span><MunicipalityName code={project.hostMunicipalityCode} /></span>
        <span>{label(MODE_LABELS, project.mode, lang)}</span>
        <span>{formatDate(project.startsAt, lang)}</span>
      </p>
      <p className="project-card__tags">
        <StatusBadge tone="info">{label(CATEGORY_LABELS, project.category, lang)}</StatusBadge>
        <StatusBadge>{label(COMPENSATION_LABELS, project.compensation, lang)}</StatusBadge>
        {project.tags.slice(0, 3).map((tag) => (
          <StatusBadge key={tag}>{tag}</StatusBadge>
        ))}
      </p>
      <p className="project-card__deadline">
        {t('応募締切：', 'Apply by: ')}
        {formatDate(project.applicationDeadline, lang)}
      </p>
    </li>
  );
}

/** Ranked projects for the participant, each with its reasons (出身地, スキル一致, …). */
function Recommendations() {
  const { t, lang } = useI18n();
  const recs = useAsync(() => unwrap(api.GET('/api/v1/me/recommendations', { params: { query: { limit: 5 } } })), []);
  if (recs.loading) return <Loading label={t('おすすめを読み込み中…', 'Loading recommendations…')} />;
  if (recs.error) {
    if (recs.error.status === 409) {
      return (
        <Notice>
          {t('プロフィールを登録すると、あなたへのおすすめが表示されます。', 'Fill in your profile to see recommendations.')} <Link to="/me/profile">{t('プロフィールを登録する', 'Set up profile')}</Link>
        </Notice>
      );
    }
    return null;
  }
  if (!recs.data || recs.data.items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="recs-title">
      <h2 id="recs-title">{t('あなたへのおすすめ', 'Recommended for you')}</h2>
      <ul className="rec-list">
        {recs.data.items.map((r) => (
          <li key={r.project.id}>
            <Link to={`/projects/${r.project.id}`}>{r.project.title}</Link>
            <span className="muted"> — <MunicipalityName code={r.project.hostMunicipalityCode} />・{formatDate(r.project.startsAt, lang)}</span>
            <ul className="rec-reasons" aria-label={t('おすすめの理由', 'Why')}>
              {r.reasons.map((x) => (
                <li key={x.code + (x.subject ?? '')}><StatusBadge tone="info">{lang === 'en' ? x.en : x.ja}</StatusBadge></li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ProjectSearchPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { search, navigate } = useRouter();
  const prefectures = usePrefectures();
  const [q, setQ] = useState(search.get('q') ?? '');
  const [prefectureCode, setPrefectureCode] = useState(search.get('prefectureCode') ?? '');
  const [category, setCategory] = useState(search.get('category') ?? '');
  const [mode, setMode] = useState(search.get('mode') ?? '');
  const key = search.toString();
  const result = useAsync(
    () =>
      unwrap(
        api.GET('/api/v1/projects', {
          params: {
            query: {
              q: search.get('q') || undefined,
              prefectureCode: search.get('prefectureCode') || undefined,
              category: (search.get('category') || undefined) as Category | undefined,
              mode: (search.get('mode') || undefined) as Mode | undefined,
              limit: 20,
            },
          },
        }),
      ),
    [key],
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (prefectureCode) params.set('prefectureCode', prefectureCode);
    if (category) params.set('category', category);
    if (mode) params.set('mode', mode);
    navigate(`/projects${params.toString() ? `?${params}` : ''}`);
  };
  const count = result.data?.items.length ?? 0;
  return (
    <section>
      <PageTitle>{t('プロジェクトを探す', 'Find projects')}</PageTitle>
      {search.get('deleted') && <Notice tone="success">{t('アカウントを削除しました。ご利用ありがとうございました。', 'Your account has been deleted.')}</Notice>}
      {me?.role === 'participant' && !search.toString() && <Recommendations />}
      <form role="search" onSubmit={onSubmit} className="card search-form" aria-label={t('プロジェクト検索', 'Project search')}>
        <TextField id="search-q" label={t('キーワード', 'Keyword')} type="search" placeholder={t('例：農業、空き家、防災', 'e.g. 農業, 防災')} value={q} onChange={(e) => setQ(e.target.value)} />
        <div className="grid-3">
          <SelectField
            id="search-prefecture"
            label={t('都道府県', 'Prefecture')}
            value={prefectureCode}
            onChange={(e) => setPrefectureCode(e.target.value)}
            options={[{ value: '', label: t('すべて', 'All') }, ...prefectures.map((p) => ({ value: p.code, label: lang === 'en' && p.nameEn ? p.nameEn : p.name }))]}
          />
          <SelectField
            id="search-category"
            label={t('分野', 'Category')}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            options={[{ value: '', label: t('すべて', 'All') }, ...Object.keys(CATEGORY_LABELS).map((k) => ({ value: k, label: label(CATEGORY_LABELS, k, lang) }))]}
          />
          <SelectField
            id="search-mode"
            label={t('参加形態', 'Mode')}
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            options={[{ value: '', label: t('すべて', 'All') }, ...Object.keys(MODE_LABELS).map((k) => ({ value: k, label: label(MODE_LABELS, k, lang) }))]}
          />
        </div>
        <Button type="submit">{t('検索する', 'Search')}</Button>
      </form>
      <div aria-live="polite" className="result-count">
        {!result.loading && result.data && (count > 0 ? t(`${count}件のプロジェクト`, `${count} projects`) : '')}
      </div>
      {result.loading && <Loading label={t('プロジェクトを検索中…', 'Searching projects…')} />}
      {result.error && <ErrorState error={result.error} onRetry={result.reload} />}
      {result.data && count === 0 && (
        <EmptyState title={t('条件に合うプロジェクトはまだありません', 'No projects match yet')}>
          <p>{t('キーワードを短くするか、条件を減らしてお試しください。', 'Try a shorter keyword or fewer filters.')}</p>
        </EmptyState>
      )}
      {result.data && count > 0 && (
        <ul className="card-list" aria-label={t('検索結果', 'Results')}>
          {result.data.items.map((p) => (
            <ProjectCard key={p.id} project={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

const WITHDRAWABLE = new Set(['applied', 'accepted', 'waitlisted']);

/** 128 random bits as hex: getRandomValues also works on a plain-HTTP intranet, where crypto.randomUUID does not exist. */
function newRequestKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function ProjectDetailPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { status, me } = useAuth();
  const { navigate } = useRouter();
  const project = useAsync(() => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })), [id]);
  const [application, setApplication] = useState<Application | null>(null);
  const [motivation, setMotivation] = useState('');
  // One Idempotency-Key per content: a retry after a lost answer (weak mobile signal) gets the first
  // answer again instead of 409; editing the motivation makes it a new request.
  const [applyKey, setApplyKey] = useState(newRequestKey);
  const isParticipant = me?.role === 'participant';
  // Applying and withdrawing share one busy state, one error summary and one notice.
  const { busy, error, notice: done, run } = useActions();
  const apply = (e: FormEvent) => {
    e.preventDefault();
    return run(async () => {
      const created = await unwrap(
        api.POST('/api/v1/projects/{projectId}/applications', {
          params: { path: { projectId: id }, header: { 'Idempotency-Key': applyKey } },
          body: { motivation: motivation.trim() || undefined },
        }),
      );
      setApplication(created);
    }, t('応募しました。主催者からの連絡をお待ちください。', 'Applied. The host will be in touch.'));
  };
  const withdraw = (app: Application) =>
    run(async () => {
      setApplication(await unwrap(api.POST('/api/v1/applications/{id}/withdraw', { params: { path: { id: app.id } } })));
    }, t('応募を辞退しました。', 'You withdrew your application.'));

  useEffect(() => {
    if (!isParticipant) return;
    unwrap(api.GET('/api/v1/me/applications', { params: { query: { limit: 100 } } })).then(
      (page) => setApplication(page.items.find((a) => a.projectId === id) ?? null),
      () => undefined,
    );
  }, [id, isParticipant]);

  if (project.loading) return <Loading />;
  if (project.error) return <ErrorState error={project.error} onRetry={project.reload} />;
  const p = project.data!;

  return (
    <article className="project-detail">
      <p><Link to="/projects">{t('← 検索結果に戻る', '← Back to search')}</Link></p>
      <PageTitle>{p.title}</PageTitle>
      <p className="project-card__tags">
        <StatusBadge tone={p.status === 'published' ? 'good' : 'neutral'}>{label(PROJECT_STATUS_LABELS, p.status, lang)}</StatusBadge>
        <StatusBadge tone="info">{label(CATEGORY_LABELS, p.category, lang)}</StatusBadge>
        {p.tags.map((tag) => (
          <StatusBadge key={tag}>{tag}</StatusBadge>
        ))}
      </p>
      <dl className="facts">
        <dt>{t('主催', 'Host')}</dt>
        <dd>
          <MunicipalityName code={p.hostMunicipalityCode} />
          {p.coHostMunicipalityCodes.map((c) => (
            <span key={c}>・<MunicipalityName code={c} /></span>
          ))}
        </dd>
        <dt>{t('日程', 'Schedule')}</dt>
        <dd>{formatDateTime(p.startsAt, lang)} 〜 {formatDateTime(p.endsAt, lang)}</dd>
        <dt>{t('応募締切', 'Deadline')}</dt>
        <dd>{formatDate(p.applicationDeadline, lang)}</dd>
        <dt>{t('参加形態', 'Mode')}</dt>
        <dd>{label(MODE_LABELS, p.mode, lang)}</dd>
        <dt>{t('定員', 'Capacity')}</dt>
        <dd>{t(`${p.capacity}人`, `${p.capacity}`)}</dd>
        <dt>{t('報酬・支援', 'Compensation')}</dt>
        <dd>{label(COMPENSATION_LABELS, p.compensation, lang)}</dd>
        {p.requiredSkills.length > 0 && (
          <>
            <dt>{t('求めるスキル', 'Skills')}</dt>
            <dd>{p.requiredSkills.join('、')}</dd>
          </>
        )}
      </dl>
      <div className="prose">
        {p.description.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>

      <section className="card apply-box" aria-labelledby="apply-heading">
        <h2 id="apply-heading">{t('応募', 'Apply')}</h2>
        {done && <Notice tone="success">{done}</Notice>}
        <ErrorSummary error={error} fieldIds={{ motivation: 'apply-motivation' }} />
        {status !== 'authenticated' && (
          <p>
            <Button onClick={() => navigate(`/login?next=/projects/${id}`)}>{t('ログインして応募する', 'Log in to apply')}</Button>
          </p>
        )}
        {status === 'authenticated' && !isParticipant && <p>{t('応募は参加者アカウントで行えます。', 'Applying needs a participant account.')}</p>}
        {isParticipant && application && (
          <>
            <p>
              {t('あなたの応募状況：', 'Your application: ')}
              <StatusBadge tone="info">{label(APPLICATION_STATE_LABELS, application.state, lang)}</StatusBadge>
            </p>
            {WITHDRAWABLE.has(application.state) && (
              <Button variant="danger" busy={busy} onClick={() => withdraw(application)}>{t('応募を辞退する', 'Withdraw')}</Button>
            )}
          </>
        )}
        {isParticipant && !application && p.status === 'published' && (
          <form onSubmit={apply} noValidate>
            <TextArea
              id="apply-motivation"
              label={t('応募の動機（任意）', 'Motivation (optional)')}
              rows={4}
              maxLength={2000}
              value={motivation}
              onChange={(e) => {
                setMotivation(e.target.value);
                setApplyKey(newRequestKey());
              }}
              error={error?.fieldErrors().motivation}
            />
            <Button type="submit" busy={busy}>{t('このプロジェクトに応募する', 'Apply to this project')}</Button>
          </form>
        )}
        {isParticipant && !application && p.status !== 'published' && <p>{t('現在は募集していません。', 'Not accepting applications.')}</p>}
      </section>
    </article>
  );
}
