import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RegionsService } from '@app/regions';
import { cleanTagsForDemo } from './demo-tags';
import type { ProjectEntity } from '../persistence/project.entity';
import { ProjectsRepository, type NewProjectRow } from '../persistence/projects.repository';
import { DEMO_PROJECTS } from './demo-projects.data';

/** Stable id per demo project, so seeding again inserts nothing. */
function demoId(code: string, index: number): string {
  const h = createHash('sha1').update(`kakawari-demo-project:${code}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Author of demo rows (no real account). */
export const DEMO_AUTHOR_ID = '00000000-0000-5000-8000-00000000d3e0';

/** Seeds ~50 published demo projects across prefectures (idempotent). */
@Injectable()
export class ProjectsDemoSeeder {
  constructor(
    private readonly repository: ProjectsRepository,
    private readonly regions: RegionsService,
  ) {}

  async seed(now = new Date()): Promise<{ inserted: number; total: number }> {
    const codes = new Set<string>();
    for (const [host, list] of Object.entries(DEMO_PROJECTS)) {
      codes.add(host);
      for (const d of list) for (const c of d.coHosts ?? []) codes.add(c);
    }
    const prefectureOf = new Map((await this.regions.findMunicipalities([...codes])).map((m) => [m.code, m.prefectureCode]));
    const rows: (NewProjectRow & Pick<ProjectEntity, 'id' | 'status' | 'publishedAt'>)[] = [];
    let k = 0;
    for (const [host, list] of Object.entries(DEMO_PROJECTS)) {
      const hostPref = prefectureOf.get(host);
      if (!hostPref) continue; // master data not loaded
      for (const [i, d] of list.entries()) {
        k++;
        const startsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 14 + (k % 40) * 2, 1, 0));
        const coHosts = (d.coHosts ?? []).filter((c) => prefectureOf.has(c));
        rows.push({
          id: demoId(host, i),
          status: 'published',
          publishedAt: now,
          title: d.title,
          description: d.description,
          hostMunicipalityCode: host,
          hostPrefectureCode: hostPref,
          coHostMunicipalityCodes: coHosts,
          municipalityCodes: [host, ...coHosts],
          prefectureCodes: [...new Set([hostPref, ...coHosts.map((c) => prefectureOf.get(c)!)])],
          category: d.category,
          tags: cleanTagsForDemo(d.tags),
          requiredSkills: d.requiredSkills,
          mode: d.mode,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 7 * 3600_000),
          applicationDeadline: new Date(startsAt.getTime() - 7 * 24 * 3600_000),
          capacity: d.capacity,
          compensation: d.compensation,
          createdBy: DEMO_AUTHOR_ID,
        });
      }
    }
    const inserted = await this.repository.transaction((m) => this.repository.insertIfAbsent(m, rows));
    return { inserted, total: rows.length };
  }
}
