import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setLanguage } from './api/client';
import type { Lang } from './format';

// Japanese first: every string is written in Japanese beside its English, t('日本語', 'English').
interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(ja: string, en: string): string;
}

const I18nContext = createContext<I18n | null>(null);
const KEY = 'kakawari.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    try {
      return localStorage.getItem(KEY) === 'en' ? 'en' : 'ja';
    } catch {
      return 'ja';
    }
  });
  useEffect(() => {
    document.documentElement.lang = lang;
    setLanguage(lang);
    try {
      localStorage.setItem(KEY, lang);
    } catch {
      // ignore
    }
  }, [lang]);
  setLanguage(lang);
  const value = useMemo<I18n>(
    () => ({ lang, setLang: setLangState, t: (ja, en) => (lang === 'en' ? en : ja) }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('I18nProvider missing');
  return ctx;
}

export const CATEGORY_LABELS: Record<string, [string, string]> = {
  living_environment: ['生活環境', 'Living environment'],
  earning_power: ['稼ぐ力・地方イノベーション', 'Earning power & innovation'],
  people_flow: ['人の流れ・地方分散', 'Flow of people'],
  ai_digital: ['AI・デジタル・新技術', 'AI, digital & new tech'],
  wide_area: ['広域リージョン連携', 'Wide-area regions'],
};

export const MODE_LABELS: Record<string, [string, string]> = {
  onsite: ['現地', 'On site'],
  remote: ['リモート', 'Remote'],
  hybrid: ['ハイブリッド', 'Hybrid'],
};

export const COMPENSATION_LABELS: Record<string, [string, string]> = {
  volunteer: ['ボランティア', 'Volunteer'],
  paid: ['有償', 'Paid'],
  travel_support: ['交通費支援', 'Travel support'],
};

export const PROJECT_STATUS_LABELS: Record<string, [string, string]> = {
  draft: ['下書き', 'Draft'],
  published: ['募集中', 'Published'],
  closed: ['募集終了', 'Closed'],
  completed: ['完了', 'Completed'],
  cancelled: ['中止', 'Cancelled'],
};

export const APPLICATION_STATE_LABELS: Record<string, [string, string]> = {
  applied: ['応募済み（審査中）', 'Applied'],
  accepted: ['参加決定', 'Accepted'],
  rejected: ['見送り', 'Not selected'],
  waitlisted: ['キャンセル待ち', 'Waitlisted'],
  attended: ['参加済み', 'Attended'],
  no_show: ['欠席', 'No-show'],
  withdrawn: ['辞退', 'Withdrawn'],
  cancelled: ['プロジェクト中止', 'Cancelled'],
};

export const PARTICIPANT_TYPE_LABELS: Record<string, [string, string]> = {
  urban_resident: ['都市部在住者', 'Urban resident'],
  remote_worker: ['リモートワーカー', 'Remote worker'],
  company_employee: ['企業の従業員', 'Company employee'],
};

export function label(map: Record<string, [string, string]>, key: string, lang: Lang): string {
  const pair = map[key];
  return pair ? pair[lang === 'en' ? 1 : 0] : key;
}
