import { PageTitle } from '../components/ui';
import { useI18n } from '../i18n';
import { Link } from '../router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section>
      <PageTitle>{t('ページが見つかりません', 'Page not found')}</PageTitle>
      <p>{t('URL をご確認ください。', 'Please check the address.')}</p>
      <p><Link to="/">{t('トップページへ戻る', 'Back to the top page')}</Link></p>
    </section>
  );
}
