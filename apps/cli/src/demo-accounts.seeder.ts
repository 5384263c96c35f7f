import { Injectable, Logger } from '@nestjs/common';
import { IdentityService, type Role } from '@app/identity';
import { OrganizationsService } from '@app/organizations';

/** Demo accounts: one per audience, so a newcomer can log in as each of them. */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'kakawari-demo-2026';
export const DEMO_ACCOUNTS: { email: string; role: Role; displayName: string; municipalityCode?: string; prefectureCode?: string }[] = [
  { email: 'participant@kakawari.example', role: 'participant', displayName: '関わり 花子' },
  { email: 'staff.iiyama@kakawari.example', role: 'municipality_staff', displayName: '飯山市 地域振興課', municipalityCode: '202134' },
  { email: 'staff.nagano@kakawari.example', role: 'prefecture_staff', displayName: '長野県 企画振興部', prefectureCode: '20' },
  { email: 'hq@kakawari.example', role: 'hq_analyst', displayName: '地域未来戦略本部 分析担当' },
];

@Injectable()
export class DemoAccountsSeeder {
  private readonly logger = new Logger(DemoAccountsSeeder.name);

  constructor(
    private readonly identity: IdentityService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Idempotent: accounts that exist are left alone. */
  async seed(): Promise<number> {
    let created = 0;
    for (const demo of DEMO_ACCOUNTS) {
      if (await this.identity.findAccountByEmail(demo.email)) continue;
      if (demo.municipalityCode || demo.prefectureCode) {
        const org = demo.municipalityCode
          ? await this.organizations.ensureMunicipalityOrganization(demo.municipalityCode, null)
          : await this.organizations.ensurePrefectureOrganization(demo.prefectureCode!, null);
        await this.organizations.createStaffAccount(
          org.id,
          { email: demo.email, password: DEMO_PASSWORD, displayName: demo.displayName },
          null as unknown as string,
        );
      } else {
        await this.identity.createAccount(
          { email: demo.email, password: DEMO_PASSWORD, role: demo.role, displayName: demo.displayName },
          null,
        );
      }
      created++;
    }
    this.logger.log(`demo accounts: ${created} created (password: DEMO_PASSWORD, default ${'kakawari-demo-2026'})`);
    return created;
  }
}
