// The documents are in operations.graphql beside this file (see ../account/operations.ts for why one by one).
export {
  MyAchievementsDocument as MyAchievementsQuery,
  MyAchievementDocument as MyAchievementQuery,
  SubmitAchievementDocument as SubmitAchievementMutation,
  FilingContextDocument as FilingContextQuery,
  InstitutionBoundsDocument as InstitutionBoundsQuery,
  CreateAchievementDraftDocument as CreateAchievementDraftMutation,
  UpdateAchievementDraftDocument as UpdateAchievementDraftMutation,
  SetRightsProposalDocument as SetRightsProposalMutation,
  RecordMyConsentDocument as RecordMyConsentMutation,
  AchievementDraftDocument as AchievementDraftQuery,
  DeleteAchievementDraftDocument as DeleteAchievementDraftMutation,
} from '../../gql/graphql';
