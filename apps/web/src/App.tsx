import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useAuth } from './auth';
import { Loading } from './components/ui';
import { useI18n } from './i18n';
import { Link, matchPath, useRouter } from './router';
import { LoginPage, SignupPage } from './pages/AuthPages';
import { ProjectDetailPage, ProjectSearchPage } from './pages/ProjectPages';
import { CheckInPage, InboxPage, MyApplicationsPage, ProfilePage, RegistrationsPage } from './pages/MePages';
import { NotFoundPage } from './pages/NotFoundPage';
import type { Role } from './api/types';

// Staff and HQ screens load as separate chunks, keeping the participants' phone bundle small.
const StaffProjectsPage = lazy(() => import('./pages/StaffPages').then((m) => ({ default: m.StaffProjectsPage })));
const StaffProjectPage = lazy(() => import('./pages/StaffPages').then((m) => ({ default: m.StaffProjectPage })));
const HqDashboardPage = lazy(() => import('./hq/HqDashboardPage').then((m) => ({ default: m.HqDashboardPage })));
const InvitationsPage = lazy(() => import('./pages/InvitationsPage').then((m) => ({ default: m.InvitationsPage })));
const CompanyAdminPage = lazy(() => import('./pages/CompanyPages').then((m) => ({ default: m.CompanyAdminPage })));
const AcceptCompanyInvitationPage = lazy(() => import('./pages/CompanyPages').then((m) => ({ default: m.AcceptCompanyInvitationPage })));
const AdminPage = lazy(() => import('./pages/AdminPages').then((m) => ({ default: m.AdminPage })));
const FlowsPage = lazy(() => import('./hq/FlowsPage').then((m) => ({ default: m.FlowsPage })));
const StaffKpiPage = lazy(() => import('./pages/StaffKpiPage').then((m) => ({ default: m.StaffKpiPage })));

const STAFF: Role[] = ['municipality_staff', 'prefecture_staff', 'admin'];
const HQ: Role[] = ['hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff'];
// GET /stats/flows: HQ, admin and prefecture staff (their prefecture as destination).
const FLOWS: Role[] = ['hq_analyst', 'admin', 'prefecture_staff'];
// Their own municipality's / prefecture's counts and KPI targets.
const KPI: Role[] = ['municipality_staff', 'prefecture_staff'];

function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { status, me } = useAuth();
  const { navigate, path } = useRouter();
  const { t } = useI18n();
  useEffect(() => {
    if (status === 'anonymous') navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true });
  }, [status, navigate, path]);
  if (status !== 'authenticated' || !me) return <Loading />;
  if (roles && !roles.includes(me.role)) {
    return (
      <div className="state state--error" role="alert">
        <p className="state__title">{t('このページを表示する権限がありません', 'You do not have access to this page')}</p>
      </div>
    );
  }
  return <>{children}</>;
}

function Routes() {
  const { path } = useRouter();
  const m = (pattern: string) => matchPath(pattern, path);
  let params: Record<string, string> | null;
  if (path === '/' || path === '/projects') return <ProjectSearchPage />;
  if (path === '/login') return <LoginPage />;
  if (path === '/signup') return <SignupPage />;
  if ((params = m('/projects/:id'))) return <ProjectDetailPage id={params.id} />;
  if (path === '/me/applications') return <RequireRole roles={['participant']}><MyApplicationsPage /></RequireRole>;
  if (path === '/me/check-in') return <RequireRole roles={['participant']}><CheckInPage /></RequireRole>;
  if (path === '/me/registrations') return <RequireRole roles={['participant']}><RegistrationsPage /></RequireRole>;
  if (path === '/me/profile') return <RequireRole roles={['participant']}><ProfilePage /></RequireRole>;
  if (path === '/me/notifications') return <RequireRole><InboxPage /></RequireRole>;
  if (path === '/staff' || path === '/staff/projects') return <RequireRole roles={STAFF}><StaffProjectsPage /></RequireRole>;
  if ((params = m('/staff/projects/:id'))) return <RequireRole roles={STAFF}><StaffProjectPage id={params.id} /></RequireRole>;
  if (path === '/hq') return <RequireRole roles={HQ}><HqDashboardPage /></RequireRole>;
  if (path === '/me/invitations') return <RequireRole roles={['participant']}><InvitationsPage /></RequireRole>;
  if (path === '/me/company') return <RequireRole roles={['participant']}><AcceptCompanyInvitationPage /></RequireRole>;
  if (path === '/company') return <RequireRole roles={['company_admin']}><CompanyAdminPage /></RequireRole>;
  if (path === '/admin') return <RequireRole roles={['admin']}><AdminPage /></RequireRole>;
  if (path === '/hq/flows') return <RequireRole roles={FLOWS}><FlowsPage /></RequireRole>;
  if (path === '/staff/kpi') return <RequireRole roles={KPI}><StaffKpiPage /></RequireRole>;
  return <NotFoundPage />;
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const { status, me, logout } = useAuth();
  const { navigate, path } = useRouter();
  const role = me?.role;
  // On phones the menu is one scrollable row: keep the current page's item in view.
  useEffect(() => {
    document.querySelector('.nav a[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [path, role]);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">関</span>
          <span>{t('関わり', 'Kakawari')}</span>
        </Link>
        <nav aria-label={t('メインメニュー', 'Main menu')} className="nav">
          <ul>
            <li><Link to="/projects">{t('プロジェクトを探す', 'Find projects')}</Link></li>
            {role === 'participant' && (
              <>
                <li><Link to="/me/applications">{t('応募状況', 'My applications')}</Link></li>
                <li><Link to="/me/check-in">{t('チェックイン', 'Check in')}</Link></li>
                <li><Link to="/me/registrations">{t('ふるさと住民登録', 'Furusato registrations')}</Link></li>
                <li><Link to="/me/invitations">{t('スカウト', 'Invitations')}</Link></li>
                <li><Link to="/me/profile">{t('プロフィール', 'Profile')}</Link></li>
              </>
            )}
            {role && STAFF.includes(role) && <li><Link to="/staff">{t('プロジェクト管理', 'Manage projects')}</Link></li>}
            {role && HQ.includes(role) && <li><Link to="/hq">{t('関係人口ダッシュボード', 'Dashboard')}</Link></li>}
            {role === 'company_admin' && <li><Link to="/company">{t('企業の管理', 'Company')}</Link></li>}
            {role === 'admin' && <li><Link to="/admin">{t('運営管理', 'Administration')}</Link></li>}
            {role && KPI.includes(role) && <li><Link to="/staff/kpi">{t('集計・KPI', 'Counts & KPIs')}</Link></li>}
            {status === 'authenticated' && <li><Link to="/me/notifications">{t('お知らせ', 'Inbox')}</Link></li>}
          </ul>
        </nav>
        <div className="header-actions">
          <button
            type="button"
            className="btn btn--text"
            lang={lang === 'ja' ? 'en' : 'ja'}
            onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
          >
            {lang === 'ja' ? 'English' : '日本語'}
          </button>
          {status === 'authenticated' ? (
            <button
              type="button"
              className="btn btn--secondary"
              onClick={async () => {
                await logout();
                navigate('/login');
              }}
            >
              {t('ログアウト', 'Log out')}
            </button>
          ) : (
            status === 'anonymous' && (
              <>
                <Link to="/login" className="btn btn--secondary">{t('ログイン', 'Log in')}</Link>
                <Link to="/signup" className="btn btn--primary">{t('新規登録', 'Sign up')}</Link>
              </>
            )
          )}
        </div>
      </div>
    </header>
  );
}

export function App() {
  const { t } = useI18n();
  return (
    <>
      <a href="#main" className="skip-link">{t('本文へ移動', 'Skip to content')}</a>
      <Header />
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('関わり — 地方創生2.0 関係人口プラットフォーム', 'Kakawari — relationship population platform')}</p>
      </footer>
    </>
  );
}
