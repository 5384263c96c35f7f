import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RegionsService } from '@app/regions';
import { RelationshipsService } from '@app/relationships';

/** A deterministic UUID-shaped id from a label, so re-seeding replays (and changes nothing, I4). */
function demoUuid(label: string): string {
  const h = createHash('sha256').update(`kakawari-demo:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Small seeded PRNG (mulberry32): the demo population is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where demo people live: mostly 東京圏 and other large cities (origin of the 東京圏 → 地方 flow). */
const RESIDENCES = ['131016', '131130', '131121', '131041', '141003', '271004', '231002', '011002', '401307', '112038'];

/**
 * Demo relationships (furusato registrations and verified activities) for synthetic people, so the
 * HQ dashboard and the stats API show realistic, non-zero numbers on a fresh platform. The people
 * are not accounts; their ids are derived from labels and never collide with real users.
 */
@Injectable()
export class DemoRelationshipsSeeder {
  private readonly logger = new Logger(DemoRelationshipsSeeder.name);

  constructor(
    private readonly regions: RegionsService,
    private readonly relationships: RelationshipsService,
  ) {}

  async seed(persons = Number(process.env.DEMO_PERSONS ?? 600), now = new Date()): Promise<number> {
    const page = await this.regions.searchMunicipalities({ limit: 2000 });
    const destinations = page.items.filter((m) => !RESIDENCES.includes(m.code)).map((m) => m.code);
    const random = prng(20261128);
    let recorded = 0;
    for (let i = 0; i < persons; i++) {
      const userId = demoUuid(`person-${i}`);
      const profile = {
        residenceMunicipalityCode: RESIDENCES[Math.floor(random() * RESIDENCES.length)],
        participantType: ['urban_resident', 'remote_worker', 'company_employee'][Math.floor(random() * 3)],
      };
      const relations = 1 + Math.floor(random() * 3);
      for (let r = 0; r < relations; r++) {
        // A few popular destinations get most people, as real interest does.
        const code = destinations[Math.floor(Math.pow(random(), 3) * destinations.length)];
        const daysAgo = Math.floor(random() * 700);
        const at = new Date(now.getTime() - daysAgo * 86_400_000);
        if (random() < 0.6) {
          const res = await this.relationships.recordRegistration({
            registrationId: demoUuid(`registration-${i}-${r}`),
            userId,
            municipalityCode: code,
            registeredAt: at,
            profile,
          });
          recorded += res.recorded;
        } else {
          const res = await this.relationships.recordActivity({
            activityId: demoUuid(`activity-${i}-${r}`),
            userId,
            municipalityCodes: [code],
            verifiedAt: at,
            profile,
          });
          recorded += res.recorded;
        }
      }
    }
    this.logger.log(`demo relationships: ${persons} people, ${recorded} new ledger rows`);
    return recorded;
  }
}
