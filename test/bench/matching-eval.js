#!/usr/bin/env node
// Offline evaluation of the recommender (issue 7): a synthetic population with planted preferences,
// precision@10 and NDCG@10 of the recommender against two baselines measured in the same run
// (newest-first; filter-only match on prefecture). It calls the PURE domain scoring
// (libs/matching/src/domain/scoring.ts, compiled on the fly) on in-memory synthetic data — no api,
// no database — and mirrors the SQL pre-filter of ProjectsService.listOpenForMatching (prefecture set
// ∪ interest categories ∪ skills ∪ remote/hybrid, newest published first, capped at CANDIDATE_CAP).
//
//   npm run bench:matching-eval            (fixed seed; PARTICIPANTS=… PROJECTS=… SEED=… to vary)
require('../support/ts-register.js');
const { rankCandidates, prefectureOf } = require('../../libs/matching/src/domain/scoring.ts');
const { DEFAULT_MATCHING_WEIGHTS } = require('../../libs/matching/src/domain/weights.ts');

const SEED = Number(process.env.SEED ?? 7);
const N_PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 1000);
const N_PROJECTS = Number(process.env.PROJECTS ?? 5000);
const CANDIDATE_CAP = Number(process.env.CANDIDATE_CAP ?? 500); // as libs/matching RecommendationsService
const K = 10;
const DAY = 86_400_000;
const NOW = new Date('2026-06-01T00:00:00Z');

let state = SEED >>> 0 || 1;
function rnd() {
  // xorshift32: deterministic for a given SEED
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 2 ** 32;
}
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const chance = (p) => rnd() < p;
function sample(xs, n) {
  const copy = [...xs];
  const out = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
  return out;
}

const PREFS = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0'));
const MUNIS = Object.fromEntries(PREFS.map((p) => [p, Array.from({ length: 12 }, (_, i) => `${p}${String(i * 7 + 1).padStart(3, '0')}0`)]));
const URBAN = ['13', '13', '13', '27', '23', '14', '40', '01'];
const CATEGORIES = ['living_environment', 'earning_power', 'people_flow', 'ai_digital', 'wide_area'];
const SKILLS = ['Webデザイン', '写真撮影', '動画編集', '農作業', '英語', '会計', 'プログラミング', 'SNS運用', 'イベント運営', '調理',
  'DIY', '子ども対応', '介護', 'ライティング', 'デザイン', 'マーケティング', '語学', '運転', '看護', '建築'];

// ── projects ────────────────────────────────────────────────────────────────────────────────
const projects = [];
for (let i = 0; i < N_PROJECTS; i++) {
  const pref = pick(PREFS);
  const host = pick(MUNIS[pref]);
  const coHost = chance(0.1) ? pick(MUNIS[pick(PREFS)]) : null;
  const municipalityCodes = coHost && coHost !== host ? [host, coHost] : [host];
  const mode = chance(0.6) ? 'onsite' : chance(0.5) ? 'remote' : 'hybrid';
  const startsAt = new Date(NOW.getTime() + (10 + rnd() * 60) * DAY);
  const capacity = 2 + Math.floor(rnd() * 20);
  projects.push({
    id: `p${String(i).padStart(6, '0')}`,
    category: pick(CATEGORIES),
    tags: [],
    requiredSkills: sample(SKILLS, 1 + Math.floor(rnd() * 3)),
    mode,
    municipalityCodes,
    prefectureCodes: [...new Set(municipalityCodes.map(prefectureOf))],
    startsAt,
    endsAt: new Date(startsAt.getTime() + (chance(0.2) ? 10 : 0.3) * DAY),
    applicationDeadline: new Date(NOW.getTime() + (1 + rnd() * 30) * DAY),
    capacity,
    seatsLeft: 1 + Math.floor(rnd() * capacity),
    publishedAt: new Date(NOW.getTime() - rnd() * 60 * DAY),
  });
}

// ── participants: hidden truth, and the noisy profile they actually filled in ───────────────
const people = [];
for (let i = 0; i < N_PARTICIPANTS; i++) {
  const homePref = pick(PREFS);
  const residencePref = pick(URBAN);
  const truth = {
    interests: sample(CATEGORIES, 1 + Math.floor(rnd() * 2)),
    skills: sample(SKILLS, 2 + Math.floor(rnd() * 3)),
    homePref,
    residencePref,
    mode: pick(['onsite_only', 'remote_only', 'either', 'either']),
  };
  const declaredInterests = truth.interests.filter(() => chance(0.75));
  if (chance(0.3)) declaredInterests.push(pick(CATEGORIES)); // noise
  const declaredSkills = truth.skills.filter(() => chance(0.7));
  if (chance(0.4)) declaredSkills.push(pick(SKILLS));
  const hometown = chance(0.7) ? pick(MUNIS[homePref]) : null;
  const interestPrefs = [];
  if (chance(0.5)) interestPrefs.push(homePref);
  if (chance(0.4)) interestPrefs.push(pick(PREFS)); // noise
  const activityCounts = {};
  if (chance(0.3)) activityCounts[pick(MUNIS[homePref])] = 1 + Math.floor(rnd() * 3);
  if (chance(0.1)) activityCounts[pick(MUNIS[pick(PREFS)])] = 1;
  const registered = chance(0.2) ? [pick(MUNIS[homePref])] : [];
  const modes = truth.mode === 'onsite_only' ? ['onsite'] : truth.mode === 'remote_only' ? ['remote'] : ['onsite', 'remote'];
  people.push({
    truth,
    profile: {
      skills: [...new Set(declaredSkills)],
      interests: [...new Set(declaredInterests)],
      residenceMunicipalityCode: pick(MUNIS[residencePref]),
      hometownMunicipalityCode: hometown,
      interestPrefectureCodes: [...new Set(interestPrefs)],
      modes,
      availability: sample(['weekdays', 'weekends', 'long_term', 'anytime_online'], 1 + Math.floor(rnd() * 2)),
      participantType: truth.mode === 'remote_only' ? 'remote_worker' : pick(['urban_resident', 'company_employee', 'remote_worker']),
      activityCounts,
      registeredMunicipalityCodes: registered,
    },
  });
}

/** Ground truth: graded relevance 0 (does not fit), 1 (fits), 2 (fits and uses one of their real skills). */
function relevance(truth, p) {
  if (!truth.interests.includes(p.category)) return 0;
  const reachable = p.prefectureCodes.includes(truth.homePref) || p.prefectureCodes.includes(truth.residencePref);
  let modeOk;
  if (truth.mode === 'remote_only') modeOk = p.mode !== 'onsite';
  else if (truth.mode === 'onsite_only') modeOk = p.mode !== 'remote' && reachable;
  else modeOk = p.mode !== 'onsite' || reachable;
  if (!modeOk) return 0;
  return p.requiredSkills.some((s) => truth.skills.includes(s)) ? 2 : 1;
}

const open = projects.filter((p) => p.seatsLeft > 0 && p.applicationDeadline > NOW);
const newest = [...open].sort((a, b) => b.publishedAt - a.publishedAt);

/** Mirrors ProjectsRepository.findOpenForMatching's WHERE + ORDER BY + LIMIT. */
function preFilter(profile) {
  const prefs = new Set([prefectureOf(profile.residenceMunicipalityCode), ...profile.interestPrefectureCodes,
    ...Object.keys(profile.activityCounts).map(prefectureOf), ...profile.registeredMunicipalityCodes.map(prefectureOf)]);
  if (profile.hometownMunicipalityCode) prefs.add(prefectureOf(profile.hometownMunicipalityCode));
  const remote = profile.modes.includes('remote') || profile.modes.includes('hybrid') || profile.participantType === 'remote_worker';
  const out = [];
  for (const p of newest) {
    if (p.prefectureCodes.some((c) => prefs.has(c)) || profile.interests.includes(p.category) ||
        p.requiredSkills.some((s) => profile.skills.includes(s)) || (remote && p.mode !== 'onsite')) {
      out.push(p);
      if (out.length >= CANDIDATE_CAP) break;
    }
  }
  return out;
}

const recommenders = {
  recommender: (person) => rankCandidates(person.profile, preFilter(person.profile), NOW, K, DEFAULT_MATCHING_WEIGHTS).map((r) => r.project),
  'newest-first': () => newest.slice(0, K),
  'prefecture filter (newest)': (person) => {
    const pr = person.profile;
    const prefs = new Set([prefectureOf(pr.residenceMunicipalityCode), ...pr.interestPrefectureCodes]);
    if (pr.hometownMunicipalityCode) prefs.add(prefectureOf(pr.hometownMunicipalityCode));
    const out = [];
    for (const p of newest) {
      if (p.prefectureCodes.some((c) => prefs.has(c))) out.push(p);
      if (out.length >= K) break;
    }
    return out;
  },
};

const gain = (rel) => 2 ** rel - 1;
const discount = (i) => 1 / Math.log2(i + 2);

const totals = Object.fromEntries(Object.keys(recommenders).map((k) => [k, { p: 0, ndcg: 0, ms: 0 }]));
let withRelevant = 0;
for (const person of people) {
  const rels = open.map((p) => relevance(person.truth, p)).filter((r) => r > 0).sort((a, b) => b - a);
  if (rels.length === 0) continue;
  withRelevant++;
  const idcg = rels.slice(0, K).reduce((s, r, i) => s + gain(r) * discount(i), 0);
  for (const [name, rec] of Object.entries(recommenders)) {
    const t0 = process.hrtime.bigint();
    const top = rec(person);
    totals[name].ms += Number(process.hrtime.bigint() - t0) / 1e6;
    let hits = 0;
    let dcg = 0;
    top.slice(0, K).forEach((p, i) => {
      const r = relevance(person.truth, p);
      if (r > 0) hits++;
      dcg += gain(r) * discount(i);
    });
    totals[name].p += hits / K;
    totals[name].ndcg += dcg / idcg;
  }
}

console.log(`matching-eval: seed ${SEED}, ${N_PARTICIPANTS} participants (${withRelevant} with ≥1 relevant project), ${open.length} open projects, candidate cap ${CANDIDATE_CAP}`);
console.log('pure domain scoring on in-memory synthetic data (no api, no database)\n');
console.log('ranker                        precision@10   NDCG@10   ms/participant');
const rows = Object.entries(totals).map(([name, t]) => ({ name, p: t.p / withRelevant, ndcg: t.ndcg / withRelevant, ms: t.ms / withRelevant }));
for (const r of rows) console.log(`${r.name.padEnd(30)}${r.p.toFixed(3).padStart(12)}${r.ndcg.toFixed(3).padStart(10)}${r.ms.toFixed(2).padStart(17)}`);
const rec = rows[0];
const bestBaseline = rows.slice(1).reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
const ratio = rec.ndcg / bestBaseline.ndcg;
console.log(`\nNDCG@10 recommender / best baseline (${bestBaseline.name}) = ${ratio.toFixed(2)}× (target ≥ 1.5×) ${ratio >= 1.5 ? 'PASS' : 'FAIL'}`);
console.log(`precision@10 recommender / best baseline = ${(rec.p / Math.max(...rows.slice(1).map((r) => r.p))).toFixed(2)}×`);
process.exitCode = ratio >= 1.5 ? 0 : 1;
