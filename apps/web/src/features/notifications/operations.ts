// The documents are in operations.graphql beside this file (see ../account/operations.ts for why one by one).
export {
  NotificationBellDocument as NotificationBellQuery,
  NotificationCentreDocument as NotificationCentreQuery,
  MarkNotificationReadDocument as MarkNotificationReadMutation,
  MarkAllNotificationsReadDocument as MarkAllNotificationsReadMutation,
  NotificationPreferencesDocument as NotificationPreferencesQuery,
  UpdateNotificationPreferencesDocument as UpdateNotificationPreferencesMutation,
  DigestSettingsDocument as DigestSettingsQuery,
  UpdateDigestSettingsDocument as UpdateDigestSettingsMutation,
  DigestPreviewDocument as DigestPreviewQuery,
  MyWebhookDocument as MyWebhookQuery,
  SetWebhookDocument as SetWebhookMutation,
  DeleteWebhookDocument as DeleteWebhookMutation,
  PingWebhookDocument as PingWebhookMutation,
} from '../../gql/graphql';

/** Queries that show unread state: refetched after marking read, so the bell and the centre agree. */
export const UNREAD_QUERIES = ['NotificationBell', 'NotificationCentre'];
