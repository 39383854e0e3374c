// The documents are in operations.graphql beside this file; their typed forms come from the generated module.
export {
  MyConsortiaDocument as MyConsortiaQuery,
  ConsortiumIndustriesDocument as ConsortiumIndustriesQuery,
  ConsortiumDocument as ConsortiumQuery,
  ConsortiumSpaceDocument as ConsortiumSpaceQuery,
  ConsortiumSpaceReadsDocument as ConsortiumSpaceReadsQuery,
  ConsortiumInvitablePartnersDocument as ConsortiumInvitablePartnersQuery,
  ConsortiumDemandCandidatesDocument as ConsortiumDemandCandidatesQuery,
  ConsortiumAchievementCandidatesDocument as ConsortiumAchievementCandidatesQuery,
  ConsortiumInvitationsDocument as ConsortiumInvitationsQuery,
  BureauConsortiaDocument as BureauConsortiaQuery,
  ConsortiumOutputsDocument as ConsortiumOutputsQuery,
  CreateConsortiumDocument as CreateConsortiumMutation,
  InviteConsortiumMembersDocument as InviteConsortiumMembersMutation,
  AnswerConsortiumInvitationDocument as AnswerConsortiumInvitationMutation,
  LinkConsortiumItemDocument as LinkConsortiumItemMutation,
  UnlinkConsortiumItemDocument as UnlinkConsortiumItemMutation,
  AttachConsortiumDocumentsDocument as AttachConsortiumDocumentsMutation,
  AddConsortiumMilestoneDocument as AddConsortiumMilestoneMutation,
  SetConsortiumMilestoneDoneDocument as SetConsortiumMilestoneDoneMutation,
  RecogniseConsortiumDocument as RecogniseConsortiumMutation,
  CloseConsortiumDocument as CloseConsortiumMutation,
} from '../../gql/graphql';
export type {
  ConsortiumPartsFragment,
  ConsortiumMemberPartsFragment,
  ConsortiumLinkPartsFragment,
} from '../../gql/graphql';
