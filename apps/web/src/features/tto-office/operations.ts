// The documents are in operations.graphql beside this file (see ../account/operations.ts for why one by one).
export {
  OfficeInstitutionsDocument as OfficeInstitutionsQuery,
  OfficeNoticesDocument as OfficeNoticesQuery,
  TriageObjectionDocument as TriageObjectionMutation,
  OfficeListingsDocument as OfficeListingsQuery,
  SignRightsAgreementDocument as SignRightsAgreementMutation,
  ConfirmRightsDocument as ConfirmRightsMutation,
  ListAchievementDocument as ListAchievementMutation,
  AchievementEvidenceDocument as AchievementEvidenceQuery,
  OfficeRightsSettingsDocument as OfficeRightsSettingsQuery,
  UpdateRightsSettingsDocument as UpdateRightsSettingsMutation,
  MembershipRequestsDocument as MembershipRequestsQuery,
  ApproveMembershipRequestDocument as ApproveMembershipRequestMutation,
  RejectMembershipRequestDocument as RejectMembershipRequestMutation,
} from '../../gql/graphql';
