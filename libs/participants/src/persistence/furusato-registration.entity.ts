import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegistrationTier } from '../domain/furusato-registration';

/** ふるさと住民登録. Withdrawn rows stay (history); one active row per person and municipality. */
@Entity({ name: 'furusato_registrations' })
@Index('uq_furusato_registrations_active', { synchronize: false })
@Index('idx_furusato_registrations_user', { synchronize: false })
export class FurusatoRegistrationEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'char', length: 6 })
  municipalityCode: string;

  @Column({ type: 'text', default: 'basic' })
  tier: RegistrationTier;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  registeredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  premiumGrantedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  premiumExpiresAt: Date | null;
}
