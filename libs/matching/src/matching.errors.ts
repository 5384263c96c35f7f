import { registerErrorCatalog } from '@app/platform/errors';

export enum MatchingErrorCode {
  MATCHING_PROFILE_REQUIRED = 'MATCHING_PROFILE_REQUIRED',
}

export const matchingErrors = registerErrorCatalog<MatchingErrorCode>({
  MATCHING_PROFILE_REQUIRED: {
    status: 409,
    ja: 'おすすめを表示するには、先にプロフィールを登録してください。',
    en: 'Save your profile first to get recommendations.',
  },
});

export enum ScoutingErrorCode {
  SCOUT_CANDIDATE_NOT_FOUND = 'SCOUT_CANDIDATE_NOT_FOUND',
  SCOUT_ALREADY_INVITED = 'SCOUT_ALREADY_INVITED',
  SCOUT_RATE_LIMITED = 'SCOUT_RATE_LIMITED',
  SCOUT_PROJECT_NOT_OPEN = 'SCOUT_PROJECT_NOT_OPEN',
  SCOUT_INVITATION_NOT_FOUND = 'SCOUT_INVITATION_NOT_FOUND',
  SCOUT_INVITATION_ALREADY_ANSWERED = 'SCOUT_INVITATION_ALREADY_ANSWERED',
}

export const scoutingErrors = registerErrorCatalog<ScoutingErrorCode>({
  SCOUT_CANDIDATE_NOT_FOUND: {
    status: 404,
    ja: 'この候補者は見つからないか、スカウトを受け付けていません。',
    en: 'This candidate does not exist or no longer accepts scouting.',
  },
  SCOUT_ALREADY_INVITED: { status: 409, ja: 'この候補者はすでに招待済みです。', en: 'This candidate has already been invited.' },
  SCOUT_RATE_LIMITED: {
    status: 429,
    ja: 'このプロジェクトからの招待は24時間で{limit}件までです。時間をおいてください。',
    en: 'A project may send at most {limit} invitations per 24 hours.',
  },
  SCOUT_PROJECT_NOT_OPEN: { status: 409, ja: '募集中のプロジェクトからのみ招待できます。', en: 'Only a published project can invite.' },
  SCOUT_INVITATION_NOT_FOUND: { status: 404, ja: '招待が見つかりません。', en: 'Invitation not found.' },
  SCOUT_INVITATION_ALREADY_ANSWERED: { status: 409, ja: 'この招待にはすでに回答済みです。', en: 'This invitation has already been answered.' },
});
