import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RefreshTokenEntity, RefreshTokenFamilyEntity } from './refresh-token.entity';

export interface LockedRefreshToken {
  token: RefreshTokenEntity;
  family: RefreshTokenFamilyEntity;
}

@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async createFamily(userId: string, manager: EntityManager): Promise<RefreshTokenFamilyEntity> {
    const repo = manager.getRepository(RefreshTokenFamilyEntity);
    return repo.save(repo.create({ userId }));
  }

  async insertToken(familyId: string, tokenHash: string, expiresAt: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).insert({ familyId, tokenHash, expiresAt });
  }

  /** The token and its family, row-locked (family first) so concurrent rotations serialize. */
  async findByHashForUpdate(tokenHash: string, manager: EntityManager): Promise<LockedRefreshToken | null> {
    const token = await manager
      .getRepository(RefreshTokenEntity)
      .findOne({ where: { tokenHash } });
    if (!token) return null;
    const family = await manager
      .getRepository(RefreshTokenFamilyEntity)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = :id', { id: token.familyId })
      .getOne();
    const locked = await manager
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id: token.id })
      .getOne();
    if (!family || !locked) return null;
    return { token: locked, family };
  }

  async markUsed(tokenId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).update({ id: tokenId }, { usedAt: new Date() });
  }

  async revokeFamily(familyId: string, reason: string, manager?: EntityManager): Promise<boolean> {
    const result = await (manager ?? this.dataSource.manager)
      .getRepository(RefreshTokenFamilyEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async revokeAllOfUser(userId: string, reason: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager)
      .getRepository(RefreshTokenFamilyEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }
}
