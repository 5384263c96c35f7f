// Every migration, in order (append new ones at the end, one per line).
// A migration is never edited once committed.
import { CreateRegions1795823405187 } from './1795823405187-CreateRegions';
import { CreateOutbox1795824403517 } from './1795824403517-CreateOutbox';
import { CreateIdentity1795824473090 } from './1795824473090-CreateIdentity';
import { CreateParticipation1795824611362 } from './1795824611362-CreateParticipation';
import { CreateNotifications1795824639745 } from './1795824639745-CreateNotifications';
import { CreateOrganizations1795824749723 } from './1795824749723-CreateOrganizations';
import { CreateProjects1795824788266 } from './1795824788266-CreateProjects';
import { CreateParticipants1795824799498 } from './1795824799498-CreateParticipants';
import { CreateRelationships1795825215074 } from './1795825215074-CreateRelationships';
import { AddCountRunningTotals1795826768476 } from './1795826768476-AddCountRunningTotals';
import { CreateNotificationAudience1795826715938 } from './1795826715938-CreateNotificationAudience';
import { AddProjectsOpenPublishedIndex1795827543786 } from './1795827543786-AddProjectsOpenPublishedIndex';
import { CreateScoutInvitations1795827950300 } from './1795827950300-CreateScoutInvitations';
import { AddNotificationAudienceStateSince1795829404736 } from './1795829404736-AddNotificationAudienceStateSince';
import { CreateSearchSynonyms1796059622294 } from './1796059622294-CreateSearchSynonyms';
import { AddRelationshipPending1796059628618 } from './1796059628618-AddRelationshipPending';
import { AddProjectsCoveringIndexes1796060629284 } from './1796060629284-AddProjectsCoveringIndexes';
import { CreateKpiMilestonesReached1796059904943 } from './1796059904943-CreateKpiMilestonesReached';
import { CreateCustomRegions1796061363519 } from './1796061363519-CreateCustomRegions';
import { AddNotificationsRecipientIndex1796061757857 } from './1796061757857-AddNotificationsRecipientIndex';
import { DropMunicipalityRealSeries1796070371214 } from './1796070371214-DropMunicipalityRealSeries';
import { OrderInboxByNotification1796075569943 } from './1796075569943-OrderInboxByNotification';

export const migrations: Function[] = [
  CreateRegions1795823405187,
  CreateOutbox1795824403517,
  CreateIdentity1795824473090,
  CreateParticipation1795824611362,
  CreateNotifications1795824639745,
  CreateOrganizations1795824749723,
  CreateProjects1795824788266,
  CreateParticipants1795824799498,
  CreateRelationships1795825215074,
  AddCountRunningTotals1795826768476,
  CreateNotificationAudience1795826715938,
  AddProjectsOpenPublishedIndex1795827543786,
  CreateScoutInvitations1795827950300,
  AddNotificationAudienceStateSince1795829404736,
  CreateSearchSynonyms1796059622294,
  AddRelationshipPending1796059628618,
  AddProjectsCoveringIndexes1796060629284,
  CreateKpiMilestonesReached1796059904943,
  CreateCustomRegions1796061363519,
  AddNotificationsRecipientIndex1796061757857,
  DropMunicipalityRealSeries1796070371214,
  OrderInboxByNotification1796075569943,
];
