import type { NotificationEventType, NotificationLanguage } from './event-types';

interface Template {
  subject: string;
  body: string;
}

/**
 * Every notification text, Japanese (default) and English, in one place. `{name}` placeholders are
 * filled from the notification's params; texts are short and plain so they survive municipal
 * mail filters.
 */
export const TEMPLATES: Record<NotificationEventType, Record<NotificationLanguage, Template>> = {
  'application.received': {
    ja: { subject: '【関わり】「{projectTitle}」に新しい応募がありました', body: '「{projectTitle}」に新しい応募が届きました。管理画面から応募内容を確認し、承認・見送り・キャンセル待ちのいずれかで回答してください。' },
    en: { subject: '[Kakawari] New application for "{projectTitle}"', body: 'A new application for "{projectTitle}" has arrived. Please review it and accept, reject or waitlist it.' },
  },
  'application.accepted': {
    ja: { subject: '【関わり】「{projectTitle}」への参加が決まりました', body: '「{projectTitle}」への応募が承認されました。当日の詳細はプロジェクトページでご確認ください。' },
    en: { subject: '[Kakawari] You are in: "{projectTitle}"', body: 'Your application for "{projectTitle}" was accepted. See the project page for the details of the day.' },
  },
  'application.rejected': {
    ja: { subject: '【関わり】「{projectTitle}」への応募結果', body: '「{projectTitle}」への応募は、今回は見送りとなりました。ほかのプロジェクトもぜひご覧ください。' },
    en: { subject: '[Kakawari] About your application for "{projectTitle}"', body: 'Your application for "{projectTitle}" was not accepted this time. Other projects are waiting for you.' },
  },
  'application.waitlisted': {
    ja: { subject: '【関わり】「{projectTitle}」のキャンセル待ちに登録されました', body: '「{projectTitle}」は定員に達したため、キャンセル待ちとして登録されました。空きが出た場合はお知らせします。' },
    en: { subject: '[Kakawari] Waitlisted for "{projectTitle}"', body: '"{projectTitle}" is full; you are on the waitlist. We will tell you if a seat frees up.' },
  },
  'application.offered': {
    ja: { subject: '【関わり】「{projectTitle}」に空きが出ました', body: '「{projectTitle}」に空きが出たため、参加枠をご用意しました。プロジェクトページからご確認ください。' },
    en: { subject: '[Kakawari] A seat is yours: "{projectTitle}"', body: 'A seat in "{projectTitle}" became free and is offered to you. Please check the project page.' },
  },
  'application.cancelled': {
    ja: { subject: '【関わり】「{projectTitle}」への応募が取り消されました', body: '「{projectTitle}」への応募は取り消されました。' },
    en: { subject: '[Kakawari] Application cancelled: "{projectTitle}"', body: 'Your application for "{projectTitle}" was cancelled.' },
  },
  'project.changed': {
    ja: { subject: '【関わり】「{projectTitle}」の内容が変更されました', body: 'ご応募中の「{projectTitle}」の内容（日程・場所など）が変更されました。プロジェクトページで最新の情報をご確認ください。' },
    en: { subject: '[Kakawari] "{projectTitle}" has changed', body: '"{projectTitle}", which you applied to, has changed (schedule, place…). Please check the project page.' },
  },
  'project.cancelled': {
    ja: { subject: '【関わり】「{projectTitle}」は中止になりました', body: 'ご応募中の「{projectTitle}」は中止になりました。ご迷惑をおかけし申し訳ありません。' },
    en: { subject: '[Kakawari] "{projectTitle}" is cancelled', body: '"{projectTitle}", which you applied to, has been cancelled. We are sorry for the inconvenience.' },
  },
  'project.reminder': {
    ja: { subject: '【関わり】まもなく「{projectTitle}」が始まります', body: '「{projectTitle}」は {startsAt} に始まります。持ち物や集合場所をプロジェクトページでご確認ください。' },
    en: { subject: '[Kakawari] "{projectTitle}" starts soon', body: '"{projectTitle}" starts at {startsAt}. Please check the project page for what to bring and where to meet.' },
  },
  'applications.unanswered': {
    ja: { subject: '【関わり】「{projectTitle}」に未回答の応募が{count}件あります', body: '「{projectTitle}」に、{days}日以上回答されていない応募が{count}件あります。応募者のために、早めの回答をお願いします。' },
    en: { subject: '[Kakawari] "{projectTitle}": {count} applications await an answer', body: '{count} applications for "{projectTitle}" have had no answer for {days} days or more. Please answer them soon.' },
  },
  'digest.weekly': {
    ja: { subject: '【関わり】今週のお知らせまとめ（{count}件）', body: 'まとめてお届けするお知らせが{count}件あります。\n{items}' },
    en: { subject: '[Kakawari] Your weekly summary ({count})', body: '{count} notices, collected for you:\n{items}' },
  },
  'registration.confirmed': {
    ja: { subject: '【関わり】{municipalityName}へのふるさと住民登録が完了しました', body: '{municipalityName}へのふるさと住民登録（ベーシック）が完了しました。' },
    en: { subject: '[Kakawari] Registered with {municipalityName}', body: 'Your furusato resident registration (basic) with {municipalityName} is complete.' },
  },
  'registration.premium_granted': {
    ja: { subject: '【関わり】{municipalityName}のプレミアム登録になりました', body: '{municipalityName}での継続的な活動により、ふるさと住民登録がプレミアムになりました。' },
    en: { subject: '[Kakawari] Premium registration with {municipalityName}', body: 'Thanks to your continuing activities, your registration with {municipalityName} is now premium.' },
  },
  'kpi.milestone_reached': {
    ja: {
      subject: '【関わり】{scopeName}が{metricJa}の{years}年目の目標を達成しました',
      body: '{scopeName}の関係人口（{metricJa}）が{actual}人に達し、工程表の{years}年目の目標（{fiscalYear}年度・{milestoneValue}人）を達成しました。',
    },
    en: {
      subject: '[Kakawari] {scopeName} reached its {years}-year milestone ({metricEn})',
      body: '{metricEn} for {scopeName} reached {actual}, meeting the {years}-year milestone of {milestoneValue} set for fiscal year {fiscalYear}.',
    },
  },
  'system.announcement': {
    ja: { subject: '【関わり】{title}', body: '{message}' },
    en: { subject: '[Kakawari] {title}', body: '{message}' },
  },
  'digest.new_projects': {
    ja: {
      subject: '【関わり】あなたに合う新着プロジェクトが{count}件あります',
      body: '先週公開されたプロジェクトのうち、あなたのプロフィールに合うものをお知らせします。\n{items}\n\nくわしくはプロジェクトページをご覧ください。このまとめが不要になったら、マイページの同意設定で「新着まとめの受け取り」をオフにできます。',
    },
    en: {
      subject: '[Kakawari] {count} new projects that fit you',
      body: 'Projects published last week that fit your profile:\n{itemsEn}\n\nSee the project pages for details. To stop this summary, turn off "receive digest" in your consents on My page.',
    },
  },
  'scout.invited': {
    ja: {
      subject: '【関わり】「{projectTitle}」から参加のお誘いが届きました',
      body: '「{projectTitle}」の主催者が、あなたのプロフィールを見て参加をお誘いしています。マイページの「招待」から、承諾するか辞退するかを選べます。承諾するまで、主催者にあなたのお名前や連絡先は伝わりません。',
    },
    en: {
      subject: '[Kakawari] An invitation to "{projectTitle}"',
      body: 'The host of "{projectTitle}" invited you after seeing your profile. Accept or decline it under Invitations on My page; the host learns who you are only if you accept.',
    },
  },
};

const FALLBACK: Record<NotificationLanguage, Record<string, string>> = {
  ja: { projectTitle: 'プロジェクト', municipalityName: '市区町村', scopeName: '対象地域', metricJa: '実人数' },
  en: { projectTitle: 'a project', municipalityName: 'the municipality', scopeName: 'the area', metricEn: 'Real persons' },
};

export interface RenderedNotification {
  subject: string;
  body: string;
}

function fill(text: string, params: Record<string, unknown>, language: NotificationLanguage): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key];
    if (v === undefined || v === null || v === '') return FALLBACK[language][key] ?? '';
    return String(v);
  });
}

/** The text of a notification in the recipient's language (unknown types fall back to a generic text). */
export function renderNotification(
  eventType: string,
  params: Record<string, unknown>,
  language: NotificationLanguage = 'ja',
): RenderedNotification {
  const t = (TEMPLATES as Record<string, Record<NotificationLanguage, Template> | undefined>)[eventType]?.[language];
  if (!t) return { subject: language === 'ja' ? '【関わり】お知らせ' : '[Kakawari] Notice', body: eventType };
  return { subject: fill(t.subject, params, language), body: fill(t.body, params, language) };
}
