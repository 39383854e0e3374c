import { useQuery } from '@apollo/client/react';
import { useSession } from '../../../app/session-context';
import { MeQuery } from '../../account/operations';
import AskIntroductionButton from './AskIntroductionButton';

/** Shown on an achievement's public page to signed-in enterprise members only (loaded on demand). */
export default function AskIntroduction({ achievementId }: { achievementId: string }) {
  const { session } = useSession();
  const { data } = useQuery(MeQuery, { skip: !session });
  const enterprise = data?.me.memberships.find(
    (membership) => membership.role === 'ENTERPRISE_MEMBER' && membership.status === 'ACTIVE',
  );
  if (!session || !enterprise) return null;
  return <AskIntroductionButton achievementId={achievementId} organisationId={enterprise.organisation.id} />;
}
