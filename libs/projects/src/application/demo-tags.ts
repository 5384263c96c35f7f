import { SECTOR_TAGS } from '../domain/project';

/** Demo data uses the same sector-tag vocabulary as the api; unknown tags are dropped. */
export function cleanTagsForDemo(tags: string[]): string[] {
  return tags.filter((t) => (SECTOR_TAGS as readonly string[]).includes(t));
}
