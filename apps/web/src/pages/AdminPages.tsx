import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import type { Organization } from '../api/types';
import { MunicipalityListEditor, type MunicipalityListTexts } from '../components/CoHostEditor';
import { MunicipalityPicker } from '../components/MunicipalityPicker';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, PageTitle, SelectField, StatusBadge, TextField, useAsync, useSubmit } from '../components/ui';
import { formatDateTime } from '../format';
import { loadCustomRegions, type CustomRegion } from '../hq/stats';
import { label, useI18n } from '../i18n';
import { loadMunicipality, loadPrefectures } from '../regions';

const KIND_LABELS: Record<string, [string, string]> = {
  municipality: ['市区町村', 'Municipality'],
  prefecture: ['都道府県', 'Prefecture'],
  company: ['企業', 'Company'],
};

const DELIVERY_STATUS_LABELS: Record<string, [string, string]> = {
  failed_retrying: ['再試行中', 'Retrying'],
  permanent_failure: ['配信失敗', 'Failed'],
};

const CHANNEL_LABELS: Record<string, [string, string]> = {
  in_app: ['アプリ内', 'In-app'],
  email: ['メール', 'Email'],
  webhook: ['Webhook', 'Webhook'],
};

/** A missing required field caught before the request, in the API's problem-details shape. */
function requiredField(field: string, message: string, t: (ja: string, en: string) => string): ApiError {
  return new ApiError({ title: t('入力内容を確認してください', 'Please check your input'), status: 400, errors: [{ field, code: 'required', message }] });
}

/** One form's submit state: busy, the problem details, the success message `action` returns. */
function useForm(action: () => Promise<ReactNode>) {
  const [done, setDone] = useState<ReactNode>(null);
  const { error, busy, onSubmit } = useSubmit(async () => {
    setDone(null);
    setDone(await action());
  });
  return { error, done, busy, onSubmit, fe: error?.fieldErrors() ?? {} };
}

function CreateOrganizationForm({ onCreated }: { onCreated(): void }) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<'municipality' | 'prefecture' | 'company'>('municipality');
  const [municipalityCode, setMunicipalityCode] = useState<string | null>(null);
  const [prefectureCode, setPrefectureCode] = useState('');
  const [name, setName] = useState('');
  const [corporateNumber, setCorporateNumber] = useState('');
  const prefectures = useAsync(loadPrefectures, []);
  const f = useForm(async () => {
    let org: Organization;
    if (kind === 'municipality') {
      org = await unwrap(api.POST('/api/v1/admin/organizations/municipalities', { body: { municipalityCode: municipalityCode ?? '' } }));
    } else if (kind === 'prefecture') {
      org = await unwrap(api.POST('/api/v1/admin/organizations/prefectures', { body: { prefectureCode } }));
    } else {
      org = await unwrap(api.POST('/api/v1/admin/organizations/companies', { body: { name, corporateNumber: corporateNumber.trim() || undefined } }));
    }
    onCreated();
    return t(`「${org.name}」を登録しました。`, `Created “${org.name}”.`);
  });
  return (
    <form onSubmit={f.onSubmit} noValidate className="form card" aria-labelledby="org-create-title">
      <h2 id="org-create-title">{t('組織を登録', 'Register an organization')}</h2>
      {f.done && <Notice tone="success">{f.done}</Notice>}
      <ErrorSummary error={f.error} fieldIds={{ municipalityCode: 'org-municipality', prefectureCode: 'org-prefecture', name: 'org-name', corporateNumber: 'org-corporate' }} />
      <SelectField
        id="org-kind"
        label={t('種類', 'Kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
        options={Object.keys(KIND_LABELS).map((k) => ({ value: k, label: label(KIND_LABELS, k, lang) }))}
      />
      {kind === 'municipality' && (
        <MunicipalityPicker id="org-municipality" label={t('市区町村', 'Municipality')} required value={municipalityCode} onChange={setMunicipalityCode} error={f.fe.municipalityCode} />
      )}
      {kind === 'prefecture' && (
        <SelectField
          id="org-prefecture"
          label={t('都道府県', 'Prefecture')}
          required
          value={prefectureCode}
          onChange={(e) => setPrefectureCode(e.target.value)}
          error={f.fe.prefectureCode}
          options={[{ value: '', label: t('選択してください', 'Choose') }, ...(prefectures.data ?? []).map((p) => ({ value: p.code, label: p.name }))]}
        />
      )}
      {kind === 'company' && (
        <>
          <TextField id="org-name" label={t('企業名', 'Company name')} required value={name} onChange={(e) => setName(e.target.value)} error={f.fe.name} />
          <TextField
            id="org-corporate"
            label={t('法人番号（任意）', 'Corporate number (optional)')}
            hint={t('13桁の数字', '13 digits')}
            inputMode="numeric"
            value={corporateNumber}
            onChange={(e) => setCorporateNumber(e.target.value)}
            error={f.fe.corporateNumber}
          />
        </>
      )}
      <Button type="submit" busy={f.busy}>{t('登録する', 'Register')}</Button>
    </form>
  );
}

function WebhookForm({ organizations }: { organizations: Organization[] }) {
  const { t, lang } = useI18n();
  const [organizationId, setOrganizationId] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(true);
  const f = useForm(async () => {
    if (!organizationId) throw requiredField('organizationId', t('組織を選択してください。', 'Choose an organization.'), t);
    const saved = await unwrap(api.PUT('/api/v1/admin/notifications/webhooks/{organizationId}', { params: { path: { organizationId } }, body: { url, secret, enabled } }));
    setSecret('');
    return saved.enabled
      ? t(`Webhook を設定しました（${saved.url}）。`, `Webhook set (${saved.url}).`)
      : t('Webhook を停止しました。', 'Webhook disabled.');
  });
  return (
    <form onSubmit={f.onSubmit} noValidate className="form card" aria-labelledby="webhook-title">
      <h2 id="webhook-title">{t('組織の Webhook', 'Organization webhook')}</h2>
      <p className="muted">{t('自治体・企業のシステムに通知を HMAC-SHA256 署名つきで送ります。', "Sends notifications to the organization's system, signed with HMAC-SHA256.")}</p>
      {f.done && <Notice tone="success">{f.done}</Notice>}
      <ErrorSummary error={f.error} fieldIds={{ organizationId: 'wh-org', url: 'wh-url', secret: 'wh-secret' }} />
      <SelectField
        id="wh-org"
        label={t('組織', 'Organization')}
        required
        value={organizationId}
        onChange={(e) => setOrganizationId(e.target.value)}
        error={f.fe.organizationId}
        options={[{ value: '', label: t('選択してください', 'Choose') }, ...organizations.map((o) => ({ value: o.id, label: `${o.name}（${label(KIND_LABELS, o.kind, lang)}）` }))]}
      />
      <TextField id="wh-url" label={t('送信先 URL', 'Endpoint URL')} type="url" required hint={t('例：https://system.city.example.lg.jp/kakawari/hook', 'e.g. https://system.example.jp/hook')} value={url} onChange={(e) => setUrl(e.target.value)} error={f.fe.url} />
      <TextField id="wh-secret" label={t('署名用シークレット', 'Signing secret')} type="password" autoComplete="off" required hint={t('16文字以上', 'At least 16 characters')} value={secret} onChange={(e) => setSecret(e.target.value)} error={f.fe.secret} />
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('有効にする', 'Enabled')}
      </label>
      <Button type="submit" busy={f.busy}>{t('Webhook を保存', 'Save webhook')}</Button>
    </form>
  );
}

function DisableUserForm() {
  const { t } = useI18n();
  const [userId, setUserId] = useState('');
  const f = useForm(async () => {
    const id = userId.trim();
    if (!window.confirm(t(`ユーザー ${id} を無効にしますか？ログイン中のセッションもすぐに使えなくなります。`, `Disable user ${id}? Their sessions stop working at once.`))) return null;
    await unwrap(api.POST('/api/v1/admin/users/{userId}/disable', { params: { path: { userId: id } } }));
    setUserId('');
    return t(`ユーザー ${id} を無効にしました。`, `Disabled user ${id}.`);
  });
  return (
    <form onSubmit={f.onSubmit} noValidate className="form card" aria-labelledby="disable-title">
      <h2 id="disable-title">{t('アカウントの無効化', 'Disable an account')}</h2>
      {f.done && <Notice tone="success">{f.done}</Notice>}
      <ErrorSummary error={f.error} fieldIds={{ userId: 'disable-user' }} />
      <TextField
        id="disable-user"
        label={t('ユーザーID', 'User ID')}
        hint={t('アカウント作成時に表示される ID（UUID）', 'The ID (UUID) shown when the account was created')}
        required
        autoComplete="off"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
        error={f.fe.userId ?? (f.error && !f.error.problem.errors?.length ? f.error.problem.detail ?? f.error.problem.title : undefined)}
      />
      <Button type="submit" variant="danger" busy={f.busy}>{t('無効にする', 'Disable')}</Button>
    </form>
  );
}

function CreateStaffForm({ organizations }: { organizations: Organization[] }) {
  const { t, lang } = useI18n();
  const [organizationId, setOrganizationId] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const f = useForm(async () => {
    if (!organizationId) throw requiredField('organizationId', t('組織を選択してください。', 'Choose an organization.'), t);
    const created = await unwrap(
      api.POST('/api/v1/admin/organizations/{organizationId}/staff', { params: { path: { organizationId } }, body: { email, password, displayName: displayName.trim() || undefined } }),
    );
    setPassword('');
    return t(`職員アカウント ${created.email}（${created.role}、ID ${created.userId}）を作成しました。`, `Created ${created.email} (${created.role}, ID ${created.userId}).`);
  });
  return (
    <form onSubmit={f.onSubmit} noValidate className="form card" aria-labelledby="staff-create-title">
      <h2 id="staff-create-title">{t('職員アカウントを作成', 'Create a staff account')}</h2>
      <p className="muted">
        {t('市区町村・都道府県の組織なら自治体職員、企業なら企業管理者のアカウントになります。', 'Municipality/prefecture organizations get staff accounts; companies get company admins.')}
      </p>
      {f.done && <Notice tone="success">{f.done}</Notice>}
      <ErrorSummary error={f.error} fieldIds={{ organizationId: 'staff-org', email: 'staff-email', password: 'staff-password', displayName: 'staff-name' }} />
      <SelectField
        id="staff-org"
        label={t('所属組織', 'Organization')}
        required
        value={organizationId}
        onChange={(e) => setOrganizationId(e.target.value)}
        error={f.fe.organizationId}
        options={[{ value: '', label: t('選択してください', 'Choose') }, ...organizations.map((o) => ({ value: o.id, label: `${o.name}（${label(KIND_LABELS, o.kind, lang)}）` }))]}
      />
      <TextField id="staff-name" label={t('表示名（任意）', 'Display name (optional)')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={f.fe.displayName} />
      <TextField id="staff-email" label={t('メールアドレス', 'Email address')} type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} error={f.fe.email} />
      <TextField
        id="staff-password"
        label={t('初期パスワード', 'Initial password')}
        type="password"
        autoComplete="new-password"
        required
        hint={t('8文字以上。本人に安全な方法で伝えてください。', 'At least 8 characters; hand it over securely.')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={f.fe.password}
      />
      <Button type="submit" busy={f.busy}>{t('アカウントを作成', 'Create account')}</Button>
    </form>
  );
}

function CreateOperatorForm() {
  const { t } = useI18n();
  const [role, setRole] = useState<'hq_analyst' | 'admin'>('hq_analyst');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const f = useForm(async () => {
    const created = await unwrap(api.POST('/api/v1/admin/users', { body: { role, email, password } }));
    setPassword('');
    return t(`${created.email}（${created.role}、ID ${created.userId}）を作成しました。`, `Created ${created.email} (${created.role}, ID ${created.userId}).`);
  });
  return (
    <form onSubmit={f.onSubmit} noValidate className="form card" aria-labelledby="operator-create-title">
      <h2 id="operator-create-title">{t('本部・運営アカウントを作成', 'Create an HQ or operator account')}</h2>
      {f.done && <Notice tone="success">{f.done}</Notice>}
      <ErrorSummary error={f.error} fieldIds={{ role: 'op-role', email: 'op-email', password: 'op-password' }} />
      <SelectField
        id="op-role"
        label={t('役割', 'Role')}
        value={role}
        onChange={(e) => setRole(e.target.value as typeof role)}
        error={f.fe.role}
        options={[
          { value: 'hq_analyst', label: t('本部アナリスト（集計のみ）', 'HQ analyst (aggregates only)') },
          { value: 'admin', label: t('運営管理者', 'Administrator') },
        ]}
      />
      <TextField id="op-email" label={t('メールアドレス', 'Email address')} type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} error={f.fe.email} />
      <TextField id="op-password" label={t('初期パスワード', 'Initial password')} type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={f.fe.password} />
      <Button type="submit" busy={f.busy}>{t('アカウントを作成', 'Create account')}</Button>
    </form>
  );
}

function FailedNotifications() {
  const { t, lang } = useI18n();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const page = useAsync(() => unwrap(api.GET('/api/v1/admin/notifications/failures', { params: { query: { limit: 50, cursor } } })), [cursor]);
  return (
    <section className="card" aria-labelledby="failures-title">
      <h2 id="failures-title">{t('配信に失敗した通知', 'Failed notifications')}</h2>
      {page.loading && <Loading />}
      {page.error && <ErrorState error={page.error} onRetry={page.reload} />}
      {page.data && page.data.items.length === 0 && <EmptyState title={t('配信に失敗した通知はありません', 'No failed deliveries')} />}
      {page.data && page.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="failures-table">
            <caption>{t('新しい順', 'Newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('更新日時', 'Updated')}</th>
                <th scope="col">{t('種類', 'Event')}</th>
                <th scope="col">{t('経路', 'Channel')}</th>
                <th scope="col">{t('状態', 'Status')}</th>
                <th scope="col" className="num">{t('試行回数', 'Attempts')}</th>
                <th scope="col">{t('最後のエラー', 'Last error')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((d) => (
                <tr key={d.deliveryId}>
                  <th scope="row">{formatDateTime(d.updatedAt, lang)}</th>
                  <td>{d.eventType}</td>
                  <td>{label(CHANNEL_LABELS, d.channel, lang)}</td>
                  <td><StatusBadge tone={d.status === 'permanent_failure' ? 'bad' : 'warn'}>{label(DELIVERY_STATUS_LABELS, d.status, lang)}</StatusBadge></td>
                  <td className="num">{d.attempts}</td>
                  <td>{d.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        {cursor && <Button variant="secondary" onClick={() => setCursor(undefined)}>{t('最新に戻る', 'Back to newest')}</Button>}
        {page.data?.nextCursor && <Button variant="secondary" onClick={() => setCursor(page.data!.nextCursor ?? undefined)}>{t('さらに古いものを表示', 'Older')}</Button>}
      </div>
    </section>
  );
}

function QueueDashboardButton() {
  const { t } = useI18n();
  const { busy, error, onSubmit: openDashboard } = useSubmit(async () => {
    const session = await unwrap(api.POST('/api/v1/admin/queues/session'));
    location.assign(session.url);
  });
  return (
    <section className="card" aria-labelledby="queues-title">
      <h2 id="queues-title">{t('ジョブキュー', 'Job queues')}</h2>
      <p className="muted">{t('通知配信などのキューの状態を確認できます（1時間有効）。', 'Inspect the notification and other job queues (valid for one hour).')}</p>
      <ErrorSummary error={error} />
      <Button variant="secondary" busy={busy} onClick={() => openDashboard()}>
        {t('キューのダッシュボードを開く', 'Open the queue dashboard')}
      </Button>
    </section>
  );
}

const REGION_MAX = 1741; // every municipality (ArrayMaxSize of the API)

function regionTexts(t: (ja: string, en: string) => string): MunicipalityListTexts {
  return {
    legend: t('構成する市区町村', 'Member municipalities'),
    addLabel: t('構成自治体を追加', 'Add a member municipality'),
    listLabel: t('構成する市区町村', 'Member municipalities'),
    empty: t('まだ選ばれていません。1つ以上選んでください。', 'None chosen yet; choose at least one.'),
    count: (n) => t(`${n} 市区町村`, `${n} municipalit${n === 1 ? 'y' : 'ies'}`),
    remove: (name) => t(`${name}をリージョンから外す`, `Remove ${name} from the region`),
    duplicate: t('すでにリージョンに含まれています。', 'Already in the region.'),
    tooMany: (max) => t(`${max}件までです。`, `At most ${max}.`),
  };
}

/** Field errors of a region form: `municipalityCodes.0` etc. count as `municipalityCodes`. */
function regionFieldErrors(fe: Record<string, string>): Record<string, string> {
  const out = { ...fe };
  const munis = Object.keys(fe).find((k) => k.startsWith('municipalityCodes'));
  if (munis && !out.municipalityCodes) out.municipalityCodes = fe[munis];
  return out;
}

/** Refuses an empty municipality list before the request, as a field error like the API's. */
function requireMunicipalities(codes: string[], t: (ja: string, en: string) => string): void {
  if (codes.length === 0) throw requiredField('municipalityCodes', t('市区町村を1つ以上選んでください。', 'Choose at least one municipality.'), t);
}

function MunicipalityNames({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  const shown = codes.slice(0, 10);
  const [names, setNames] = useState<string[]>(shown);
  const key = shown.join(',');
  useEffect(() => {
    let live = true;
    Promise.all(shown.map((c) => loadMunicipality(c).then((m) => m?.name ?? c))).then((n) => live && setNames(n));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const rest = codes.length - shown.length;
  return (
    <>
      {names.join(t('、', ', '))}
      {rest > 0 && t(`ほか${rest}件`, ` and ${rest} more`)}
    </>
  );
}

function CreateRegionForm({ onSaved }: { onSaved(): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [codes, setCodes] = useState<string[]>([]);
  const f = useForm(async () => {
    requireMunicipalities(codes, t);
    const created = await unwrap(api.POST('/api/v1/stats/custom-regions', { body: { code: code.trim(), name: name.trim(), municipalityCodes: codes } }));
    setCode('');
    setName('');
    setCodes([]);
    onSaved();
    return t(
      `「${created.name}」（${created.code}）を作成しました。${created.backfilledPersons}人の履歴を集計に反映しました。`,
      `Created “${created.name}” (${created.code}); ${created.backfilledPersons} persons' history counted.`,
    );
  });
  const fe = regionFieldErrors(f.fe);
  return (
    <form onSubmit={f.onSubmit} noValidate className="form" aria-labelledby="region-create-title">
      <h3 id="region-create-title">{t('広域リージョンを作成', 'Define a region')}</h3>
      {f.done && <Notice tone="success">{f.done}</Notice>}
      <ErrorSummary error={f.error} fieldIds={{ code: 'region-code', name: 'region-name', municipalityCodes: 'region-munis' }} />
      <TextField
        id="region-code"
        label={t('リージョンコード', 'Region code')}
        hint={t('英小文字で始まる2〜40文字（英小文字・数字・_）。例：setouchi。作成後は変更できません。', '2–40 characters: a lower-case letter, then a–z, 0–9, _ (e.g. setouchi). Fixed once created.')}
        required
        autoComplete="off"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fe.code}
      />
      <TextField id="region-name" label={t('リージョン名', 'Region name')} hint={t('例：瀬戸内広域リージョン', 'e.g. 瀬戸内広域リージョン')} required value={name} onChange={(e) => setName(e.target.value)} error={fe.name} />
      <MunicipalityListEditor id="region-munis" value={codes} onChange={setCodes} texts={regionTexts(t)} max={REGION_MAX} error={fe.municipalityCodes} />
      <Button type="submit" busy={f.busy}>{t('リージョンを作成', 'Create region')}</Button>
    </form>
  );
}

function EditRegionForm({ region, onSaved, onClose }: { region: CustomRegion; onSaved(saved: CustomRegion): void; onClose(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(region.name);
  const [codes, setCodes] = useState<string[]>(region.municipalityCodes);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const f = useForm(async () => {
    requireMunicipalities(codes, t);
    const saved = await unwrap(
      api.PUT('/api/v1/stats/custom-regions/{code}', { params: { path: { code: region.code } }, body: { name: name.trim(), municipalityCodes: codes } }),
    );
    onSaved(saved);
    return t(
      `「${saved.name}」を保存しました。${saved.backfilledPersons}人の履歴で集計し直しました。`,
      `Saved “${saved.name}”; recounted from ${saved.backfilledPersons} persons' history.`,
    );
  });
  const fe = regionFieldErrors(f.fe);
  return (
    <form onSubmit={f.onSubmit} noValidate className="form" aria-labelledby="region-edit-title">
      <h3 id="region-edit-title" ref={title} tabIndex={-1}>
        {t(`「${region.name}」を編集`, `Edit “${region.name}”`)}
      </h3>
      <p className="muted">{t(`リージョンコード：${region.code}（変更できません）`, `Region code: ${region.code} (fixed)`)}</p>
      {f.done && <Notice tone="success">{f.done}</Notice>}
      <ErrorSummary error={f.error} fieldIds={{ name: 'region-edit-name', municipalityCodes: 'region-edit-munis' }} />
      <TextField id="region-edit-name" label={t('リージョン名', 'Region name')} required value={name} onChange={(e) => setName(e.target.value)} error={fe.name} />
      <MunicipalityListEditor id="region-edit-munis" value={codes} onChange={setCodes} texts={regionTexts(t)} max={REGION_MAX} error={fe.municipalityCodes} />
      <div className="actions">
        <Button type="submit" busy={f.busy}>{t('変更を保存', 'Save changes')}</Button>
        <Button variant="secondary" onClick={onClose}>{t('編集を閉じる', 'Close editor')}</Button>
      </div>
    </form>
  );
}

/** 広域リージョン: admin-defined sets of municipalities, counted as statistics scope `custom`. */
function CustomRegionsSection() {
  const { t } = useI18n();
  const regions = useAsync(loadCustomRegions, []);
  const [editing, setEditing] = useState<CustomRegion | null>(null);
  const target = useRef<CustomRegion | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const del = useForm(async () => {
    const r = target.current;
    if (!r) return null;
    if (!window.confirm(t(`広域リージョン「${r.name}」（${r.code}）を削除しますか？このリージョンの集計もすべて消えます。`, `Delete the region “${r.name}” (${r.code})? Its counts are deleted too.`))) return null;
    await unwrap(api.DELETE('/api/v1/stats/custom-regions/{code}', { params: { path: { code: r.code } } }));
    if (editing?.code === r.code) setEditing(null);
    regions.reload();
    titleRef.current?.focus();
    return t(`広域リージョン「${r.name}」を削除しました。`, `Deleted the region “${r.name}”.`);
  });
  const items = regions.data ?? [];
  return (
    <section className="card" aria-labelledby="regions-title">
      <h2 id="regions-title" ref={titleRef} tabIndex={-1}>{t('広域リージョン', 'Wide-area regions')}</h2>
      <p className="muted">
        {t('保存すると、そのリージョンの集計をすべての日付について計算し直します。', "Saving recomputes the region's counts for every date.")}
      </p>
      {del.done && <Notice tone="success">{del.done}</Notice>}
      <ErrorSummary error={del.error} />
      {regions.loading && <Loading />}
      {regions.error && <ErrorState error={regions.error} onRetry={regions.reload} />}
      {regions.data && items.length === 0 && <EmptyState title={t('広域リージョンはまだありません', 'No regions yet')} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="regions-table">
            <caption>{t('定義済みの広域リージョン', 'Defined regions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('名称', 'Name')}</th>
                <th scope="col">{t('コード', 'Code')}</th>
                <th scope="col" className="num">{t('市区町村数', 'Municipalities')}</th>
                <th scope="col">{t('構成する市区町村', 'Members')}</th>
                <th scope="col">{t('操作', 'Actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  <td>{r.code}</td>
                  <td className="num">{r.municipalityCodes.length}</td>
                  <td><MunicipalityNames codes={r.municipalityCodes} /></td>
                  <td>
                    <div className="actions">
                      <Button variant="secondary" aria-label={t(`「${r.name}」を編集`, `Edit “${r.name}”`)} aria-expanded={editing?.code === r.code} onClick={() => setEditing(r)}>
                        {t('編集', 'Edit')}
                      </Button>
                      <Button
                        variant="danger"
                        aria-label={t(`「${r.name}」を削除`, `Delete “${r.name}”`)}
                        busy={del.busy && target.current?.code === r.code}
                        onClick={() => {
                          target.current = r;
                          void del.onSubmit();
                        }}
                      >
                        {t('削除', 'Delete')}
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <EditRegionForm
          key={editing.code}
          region={editing}
          onSaved={(saved) => {
            setEditing(saved);
            regions.reload();
          }}
          onClose={() => {
            setEditing(null);
            titleRef.current?.focus();
          }}
        />
      )}
      <CreateRegionForm onSaved={regions.reload} />
    </section>
  );
}

/** Platform operators: organizations, staff and operator accounts, 広域リージョン, failed notifications. */
export function AdminPage() {
  const { t, lang } = useI18n();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const orgs = useAsync(() => unwrap(api.GET('/api/v1/admin/organizations', { params: { query: { limit: 200, cursor } } })), [cursor]);
  return (
    <section>
      <PageTitle>{t('運営管理', 'Administration')}</PageTitle>
      <div className="grid-2">
        <CreateOrganizationForm onCreated={orgs.reload} />
        <CreateStaffForm organizations={orgs.data?.items ?? []} />
      </div>
      <section className="card" aria-labelledby="orgs-title">
        <h2 id="orgs-title">{t('組織一覧', 'Organizations')}</h2>
        {orgs.loading && <Loading />}
        {orgs.error && <ErrorState error={orgs.error} onRetry={orgs.reload} />}
        {orgs.data && orgs.data.items.length === 0 && <EmptyState title={t('組織はまだ登録されていません', 'No organizations yet')} />}
        {orgs.data && orgs.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="orgs-table">
              <caption>{t('登録済みの組織', 'Registered organizations')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('名称', 'Name')}</th>
                  <th scope="col">{t('種類', 'Kind')}</th>
                  <th scope="col">{t('コード・法人番号', 'Code / corporate no.')}</th>
                  <th scope="col">{t('登録日時', 'Created')}</th>
                </tr>
              </thead>
              <tbody>
                {orgs.data.items.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.name}</th>
                    <td>{label(KIND_LABELS, o.kind, lang)}</td>
                    <td>{o.municipalityCode ?? o.prefectureCode ?? o.corporateNumber ?? '—'}</td>
                    <td>{formatDateTime(o.createdAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="actions">
          {cursor && <Button variant="secondary" onClick={() => setCursor(undefined)}>{t('最初に戻る', 'Back to first')}</Button>}
          {orgs.data?.nextCursor && <Button variant="secondary" onClick={() => setCursor(orgs.data!.nextCursor ?? undefined)}>{t('次の200件', 'Next 200')}</Button>}
        </div>
      </section>
      <div className="grid-2">
        <CreateOperatorForm />
        <DisableUserForm />
      </div>
      <WebhookForm organizations={orgs.data?.items ?? []} />
      <CustomRegionsSection />
      <FailedNotifications />
      <QueueDashboardButton />
    </section>
  );
}
