/**
 * Every weight of the recommender in one place. The api may override any of them with the
 * MATCHING_WEIGHTS environment variable (a JSON object of the keys below), see `parseWeightOverrides`.
 */
export const DEFAULT_MATCHING_WEIGHTS = {
  /** Per skill the profile has and the project requires (スキル一致), up to `skillMatchMax` skills. */
  skillMatch: 3,
  skillMatchMax: 3,
  /** The project's category is one of the participant's interests (関心分野). */
  interestCategory: 4,
  /** The project is hosted or co-hosted by the participant's hometown municipality (出身地). */
  hometownMunicipality: 5,
  /** The project is in the hometown's prefecture (出身地の近く). */
  hometownPrefecture: 3,
  /** A verified past activity with a host/co-host municipality (以前参加した町), per activity up to 3. */
  pastActivityMunicipality: 3,
  /** A verified past activity in the project's prefecture, not with the municipality itself. */
  pastActivityPrefecture: 1.5,
  /** The participant holds a furusato registration with a host/co-host municipality. */
  registeredMunicipality: 3,
  /** The project is in one of the participant's regions (prefectures) of interest. */
  interestRegion: 3,
  /** The project is onsite/hybrid in the participant's residence prefecture (お住まいの近く). */
  nearResidence: 2,
  /** Remote/hybrid project for someone who takes part remotely (リモート参加可). */
  remoteFit: 4,
  /** Onsite-only project for someone who only takes part remotely; subtracted. */
  modeMismatchPenalty: 6,
  /** The project's start day fits the participant's availability (weekends, weekdays, long stays). */
  availabilityFit: 1.5,
  /** Application deadline within `deadlineSoonDays` (締切間近). */
  deadlineSoon: 0.5,
  deadlineSoonDays: 7,
  /** At most `fewSeatsLeft` seats left (残りわずか). */
  fewSeatsLeft: 0.5,
  fewSeatsLeftThreshold: 3,
  /** Published in the last `freshDays` days (新着); older projects decay linearly to 0 over `freshDays`. */
  freshness: 1,
  freshDays: 14,
};

export type MatchingWeights = typeof DEFAULT_MATCHING_WEIGHTS;
export type MatchingWeightKey = keyof MatchingWeights;

/**
 * Parses a JSON object of weight overrides (unknown keys and non-finite or negative numbers are
 * rejected, so a typo never silently does nothing). Empty/undefined → no overrides.
 */
export function parseWeightOverrides(raw: string | undefined | null): Partial<MatchingWeights> {
  if (raw === undefined || raw === null || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('MATCHING_WEIGHTS must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('MATCHING_WEIGHTS must be a JSON object');
  const out: Partial<MatchingWeights> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(key in DEFAULT_MATCHING_WEIGHTS)) throw new Error(`MATCHING_WEIGHTS: unknown weight "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`MATCHING_WEIGHTS: "${key}" must be a number ≥ 0`);
    out[key as MatchingWeightKey] = value;
  }
  return out;
}

export function resolveWeights(overrides: Partial<MatchingWeights> = {}): MatchingWeights {
  return { ...DEFAULT_MATCHING_WEIGHTS, ...overrides };
}
