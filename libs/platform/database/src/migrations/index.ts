// Every migration, in order. A migration is never edited once committed.
import { CreateRegions1795823405187 } from './1795823405187-CreateRegions';

export const migrations: Function[] = [CreateRegions1795823405187];
