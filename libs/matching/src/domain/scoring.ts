import { DEFAULT_MATCHING_WEIGHTS, type MatchingWeights } from './weights';

/** What the recommender knows about a participant (profile + history), as plain data. */
export interface MatchProfile {
  skills: readonly string[];
  /** Interest categories (the five pillars, same vocabulary as project categories). */
  interests: readonly string[];
  residenceMunicipalityCode: string;
  hometownMunicipalityCode: string | null;
  /** Regions of interest: prefecture codes (01–47). */
  interestPrefectureCodes: readonly string[];
  modes: readonly string[];
  availability: readonly string[];
  participantType: string;
  /** Verified activities (担い手活動) per municipality code. */
  activityCounts: Readonly<Record<string, number>>;
  /** Municipalities of active furusato registrations. */
  registeredMunicipalityCodes: readonly string[];
}

/** An open project as the recommender sees it. */
export interface MatchCandidate {
  id: string;
  category: string;
  tags: readonly string[];
  requiredSkills: readonly string[];
  mode: 'onsite' | 'remote' | 'hybrid';
  /** Host first, then co-hosts. */
  municipalityCodes: readonly string[];
  prefectureCodes: readonly string[];
  startsAt: Date;
  endsAt: Date;
  applicationDeadline: Date;
  capacity: number;
  seatsLeft: number;
  publishedAt: Date | null;
}

export const REASON_CODES = [
  'skill_match', 'interest_category', 'hometown', 'hometown_area', 'past_activity', 'past_activity_area',
  'registered', 'interest_region', 'near_residence', 'remote_ok', 'availability', 'deadline_soon', 'few_seats_left', 'new',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface MatchReason {
  code: ReasonCode;
  ja: string;
  en: string;
  /** The skill, category, municipality or prefecture code the reason is about, when there is one. */
  subject?: string;
}

export interface MatchResult {
  score: number;
  /** Strongest first. */
  reasons: MatchReason[];
}

const CATEGORY_LABELS: Record<string, { ja: string; en: string }> = {
  living_environment: { ja: '生活環境', en: 'living environment' },
  earning_power: { ja: '稼ぐ力・地方イノベーション', en: 'earning power and local innovation' },
  people_flow: { ja: '人の流れ・地方分散', en: 'flow of people' },
  ai_digital: { ja: 'AI・デジタル・新技術', en: 'AI, digital and new technology' },
  wide_area: { ja: '広域リージョン連携', en: 'wide-area regional cooperation' },
};

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** Skills compare after NFKC normalization, trimming and case folding (Ｗｅｂ = web = WEB). */
export function normalizeSkill(s: string): string {
  let n = normalized.get(s);
  if (n === undefined) {
    n = s.normalize('NFKC').trim().toLowerCase();
    // Skills are a small vocabulary; the bound only guards against unbounded growth.
    if (normalized.size > 50_000) normalized.clear();
    normalized.set(s, n);
  }
  return n;
}
const normalized = new Map<string, string>();

/** The profile's normalized skills, computed once per profile object (ranking scores many projects). */
const skillSets = new WeakMap<MatchProfile, Set<string>>();
function skillSetOf(p: MatchProfile): Set<string> {
  let set = skillSets.get(p);
  if (!set) {
    set = new Set(p.skills.map(normalizeSkill));
    skillSets.set(p, set);
  }
  return set;
}

export function prefectureOf(municipalityCode: string): string {
  return municipalityCode.slice(0, 2);
}

function isRemoteMinded(p: MatchProfile): boolean {
  return p.modes.includes('remote') || p.participantType === 'remote_worker';
}

function onlyRemote(p: MatchProfile): boolean {
  return p.modes.length > 0 && p.modes.every((m) => m === 'remote');
}

/** Day of the week in Japan (0 = Sunday); arithmetic (1970-01-01 was a Thursday), no Date allocated. */
function jstDay(d: Date): number {
  return (((Math.floor((d.getTime() + JST_OFFSET_MS) / DAY_MS) + 4) % 7) + 7) % 7;
}

/** Prefectures of the profile's verified activities, in activityCounts order, computed once per profile object. */
const activityPrefectures = new WeakMap<MatchProfile, { code: string; prefecture: string }[]>();
function activityPrefecturesOf(p: MatchProfile): { code: string; prefecture: string }[] {
  let list = activityPrefectures.get(p);
  if (!list) {
    list = Object.keys(p.activityCounts)
      .filter((c) => p.activityCounts[c] > 0)
      .map((code) => ({ code, prefecture: prefectureOf(code) }));
    activityPrefectures.set(p, list);
  }
  return list;
}

/**
 * Scores one open project for one participant. Pure: the same inputs give the same result.
 * Every reason returned is a fact about both inputs (a skill reason names a skill the profile has
 * and the project requires; a hometown reason only when the project is in the hometown's
 * prefecture; and so on). Penalties lower the score but never produce a reason.
 */
export function scoreCandidate(
  profile: MatchProfile,
  project: MatchCandidate,
  now: Date,
  w: MatchingWeights = DEFAULT_MATCHING_WEIGHTS,
): MatchResult {
  return evaluate(profile, project, now, w, true);
}

/** The score alone (no reasons built): ranking scores many candidates and explains only the kept ones. */
export function scoreOnly(profile: MatchProfile, project: MatchCandidate, now: Date, w: MatchingWeights = DEFAULT_MATCHING_WEIGHTS): number {
  return evaluate(profile, project, now, w, false).score;
}

type Scored = { points: number; reason: MatchReason };

/** Records a reason when explaining and the points are positive (a penalty never produces a reason). */
function note(out: Scored[], points: number, reason: MatchReason): void {
  if (points > 0) out.push({ points, reason });
}

/**
 * The scoring itself. Ranking calls it for every candidate with `explain` false, so reasons (and
 * their objects) are only built inside `if (out)`: the score path allocates nothing per candidate.
 */
function evaluate(profile: MatchProfile, project: MatchCandidate, now: Date, w: MatchingWeights, explain: boolean): MatchResult {
  const out: Scored[] | null = explain ? [] : null;
  let score = 0;

  // スキル一致: the project's spelling of each skill the profile also has.
  const mySkills = skillSetOf(profile);
  const maxSkills = Math.max(0, Math.floor(w.skillMatchMax));
  let skills = 0;
  for (const skill of project.requiredSkills) {
    if (skills >= maxSkills) break;
    if (!mySkills.has(normalizeSkill(skill))) continue;
    skills++;
    score += w.skillMatch;
    if (out) note(out, w.skillMatch, { code: 'skill_match', ja: `スキル一致：${skill}`, en: `Skill match: ${skill}`, subject: skill });
  }

  if (profile.interests.includes(project.category)) {
    score += w.interestCategory;
    if (out) {
      const label = CATEGORY_LABELS[project.category] ?? { ja: project.category, en: project.category };
      note(out, w.interestCategory, { code: 'interest_category', ja: `関心分野：${label.ja}`, en: `Your interest: ${label.en}`, subject: project.category });
    }
  }

  // A project has one to a few municipalities and prefectures: arrays beat building Sets per candidate.
  const munis = project.municipalityCodes;
  const prefs = project.prefectureCodes;

  const home = profile.hometownMunicipalityCode;
  if (home && munis.includes(home)) {
    score += w.hometownMunicipality;
    if (out) note(out, w.hometownMunicipality, { code: 'hometown', ja: '出身地の町', en: 'Your hometown', subject: home });
  } else if (home && prefs.includes(prefectureOf(home))) {
    score += w.hometownPrefecture;
    if (out) note(out, w.hometownPrefecture, { code: 'hometown_area', ja: '出身地の近く', en: 'Near your hometown', subject: prefectureOf(home) });
  }

  let depth = 0;
  let visited: string | undefined;
  for (const c of munis) {
    const n = profile.activityCounts[c] ?? 0;
    if (n > 0) {
      visited ??= c;
      depth = Math.max(depth, n);
    }
  }
  if (visited !== undefined) {
    const points = w.pastActivityMunicipality * Math.min(3, depth);
    score += points;
    if (out) note(out, points, { code: 'past_activity', ja: '以前参加した町', en: 'A town you took part in before', subject: visited });
  } else {
    const visitedPref = activityPrefecturesOf(profile).find((a) => prefs.includes(a.prefecture));
    if (visitedPref) {
      score += w.pastActivityPrefecture;
      if (out) {
        note(out, w.pastActivityPrefecture, {
          code: 'past_activity_area', ja: '以前参加した地域の近く', en: 'Near where you took part before', subject: visitedPref.prefecture,
        });
      }
    }
  }

  const registered = munis.find((c) => profile.registeredMunicipalityCodes.includes(c));
  if (registered) {
    score += w.registeredMunicipality;
    if (out) note(out, w.registeredMunicipality, { code: 'registered', ja: 'ふるさと住民登録先', en: 'You are registered with this town', subject: registered });
  }

  const region = prefs.find((c) => profile.interestPrefectureCodes.includes(c));
  if (region) {
    score += w.interestRegion;
    if (out) note(out, w.interestRegion, { code: 'interest_region', ja: '関心のある地域', en: 'A region you are interested in', subject: region });
  }

  const residencePref = prefectureOf(profile.residenceMunicipalityCode);
  if (project.mode !== 'remote' && prefs.includes(residencePref) && !onlyRemote(profile)) {
    score += w.nearResidence;
    if (out) note(out, w.nearResidence, { code: 'near_residence', ja: 'お住まいの近く', en: 'Near where you live', subject: residencePref });
  }

  if (project.mode !== 'onsite' && isRemoteMinded(profile)) {
    score += w.remoteFit;
    if (out) note(out, w.remoteFit, { code: 'remote_ok', ja: 'リモート参加可', en: 'You can take part remotely' });
  } else if (project.mode === 'onsite' && onlyRemote(profile)) {
    score -= w.modeMismatchPenalty;
  }

  const availability = availabilityFit(profile, project);
  if (availability) {
    score += w.availabilityFit;
    if (out) note(out, w.availabilityFit, { code: 'availability', ...AVAILABILITY_REASONS[availability], subject: availability });
  }

  const untilDeadline = project.applicationDeadline.getTime() - now.getTime();
  if (untilDeadline > 0 && untilDeadline <= w.deadlineSoonDays * DAY_MS) {
    score += w.deadlineSoon;
    if (out) note(out, w.deadlineSoon, { code: 'deadline_soon', ja: '締切間近', en: 'Deadline soon' });
  }
  if (project.seatsLeft > 0 && project.seatsLeft <= w.fewSeatsLeftThreshold) {
    score += w.fewSeatsLeft;
    if (out) note(out, w.fewSeatsLeft, { code: 'few_seats_left', ja: '残りわずか', en: 'Few seats left' });
  }

  if (project.publishedAt && w.freshDays > 0) {
    const age = (now.getTime() - project.publishedAt.getTime()) / DAY_MS;
    if (age >= 0 && age <= w.freshDays) {
      const points = w.freshness * (1 - age / w.freshDays);
      score += points;
      // Only a really new project says so; older ones just rank a little higher than stale ones.
      if (out && age <= 3) note(out, points, { code: 'new', ja: '新着', en: 'New' });
    }
  }

  const reasons = out ? out.sort((a, b) => b.points - a.points).map((s) => s.reason) : [];
  return { score: Math.round(score * 1000) / 1000, reasons };
}

const AVAILABILITY_REASONS: Record<'long_term' | 'weekends' | 'weekdays' | 'anytime_online', { ja: string; en: string }> = {
  long_term: { ja: '長期で参加できる', en: 'Fits your long-stay availability' },
  weekends: { ja: '週末に参加できる', en: 'On a weekend you are free' },
  weekdays: { ja: '平日に参加できる', en: 'On a weekday you are free' },
  anytime_online: { ja: 'オンラインで随時参加できる', en: 'Online, whenever you are free' },
};

/** Which availability of the profile the project's schedule fits, if any (at most one). */
function availabilityFit(profile: MatchProfile, project: MatchCandidate): keyof typeof AVAILABILITY_REASONS | null {
  if (project.mode === 'remote') return profile.availability.includes('anytime_online') ? 'anytime_online' : null;
  const days = (project.endsAt.getTime() - project.startsAt.getTime()) / DAY_MS;
  if (days >= 7 && profile.availability.includes('long_term')) return 'long_term';
  const day = jstDay(project.startsAt);
  if ((day === 0 || day === 6) && profile.availability.includes('weekends')) return 'weekends';
  if (day >= 1 && day <= 5 && profile.availability.includes('weekdays')) return 'weekdays';
  return null;
}

export interface RankedCandidate<C extends MatchCandidate = MatchCandidate> extends MatchResult {
  project: C;
}

/**
 * Ranks candidates best first (ties: sooner start, then id, so the order is stable), keeping
 * `limit`. Candidates that are full or past their deadline are dropped here too (belt and braces).
 */
export function rankCandidates<C extends MatchCandidate>(
  profile: MatchProfile,
  candidates: readonly C[],
  now: Date,
  limit: number,
  w: MatchingWeights = DEFAULT_MATCHING_WEIGHTS,
): RankedCandidate<C>[] {
  const before = (a: { score: number; project: C }, b: { score: number; project: C }) =>
    b.score - a.score ||
    a.project.startsAt.getTime() - b.project.startsAt.getTime() ||
    (a.project.id < b.project.id ? -1 : a.project.id > b.project.id ? 1 : 0);
  // Score everything cheaply and keep the best `limit` in a small sorted array (a thousand
  // candidates, twenty kept: no full sort), then build the reasons of those only.
  const nowMs = now.getTime();
  const top: { score: number; project: C }[] = [];
  if (limit <= 0) return [];
  for (const c of candidates) {
    if (c.seatsLeft <= 0 || c.applicationDeadline.getTime() <= nowMs) continue;
    const entry = { project: c, score: evaluate(profile, c, now, w, false).score };
    if (top.length === limit && before(entry, top[limit - 1]) >= 0) continue;
    let i = top.length;
    while (i > 0 && before(entry, top[i - 1]) < 0) i--;
    top.splice(i, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top.map((r) => ({ project: r.project, ...evaluate(profile, r.project, now, w, true) }));
}
