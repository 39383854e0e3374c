import { useMutation } from '@apollo/client/react';
import { MarkAllNotificationsReadMutation, MarkNotificationReadMutation, UNREAD_QUERIES } from './operations';

/** Mark one / all read; the unread counts (bell and centre) are refetched after each. */
export function useMarkRead() {
  const [markOne, one] = useMutation(MarkNotificationReadMutation, { refetchQueries: UNREAD_QUERIES });
  const [markAll, all] = useMutation(MarkAllNotificationsReadMutation, { refetchQueries: UNREAD_QUERIES });
  return {
    markRead: (id: string) => markOne({ variables: { id } }),
    markAllRead: () => markAll(),
    busy: one.loading || all.loading,
  };
}
