import { api, unwrap } from './api/client';
import type { Municipality, Prefecture } from './api/types';

let prefectures: Promise<Prefecture[]> | null = null;
const municipalityCache = new Map<string, Promise<Municipality | null>>();

/** The 47 prefectures, fetched once per page load. */
export function loadPrefectures(): Promise<Prefecture[]> {
  prefectures ??= unwrap(api.GET('/api/v1/regions/prefectures')).catch((e) => {
    prefectures = null;
    throw e;
  });
  return prefectures;
}

export function loadMunicipality(code: string): Promise<Municipality | null> {
  let p = municipalityCache.get(code);
  if (!p) {
    p = unwrap(api.GET('/api/v1/regions/municipalities/{code}', { params: { path: { code } } })).catch(() => null);
    municipalityCache.set(code, p);
  }
  return p;
}

export function searchMunicipalities(q: string, prefectureCode?: string): Promise<Municipality[]> {
  return unwrap(
    api.GET('/api/v1/regions/municipalities', {
      params: { query: { q: q || undefined, prefectureCode: prefectureCode || undefined, limit: 20 } },
    }),
  ).then((page) => page.items);
}
