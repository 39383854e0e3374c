// The documents are in operations.graphql beside this file; their typed forms come from the generated module.
export {
  ExpertCallsDocument as ExpertCallsQuery,
  CreateExpertCallDocument as CreateExpertCallMutation,
  OpenExpertCallDocument as OpenExpertCallMutation,
  CloseExpertCallDocument as CloseExpertCallMutation,
  ExpertCallDeskDocument as ExpertCallDeskQuery,
  ExpertCallProposalsDocument as ExpertCallProposalsQuery,
  InviteExpertsToCallDocument as InviteExpertsToCallMutation,
  MyExpertCallInvitationsDocument as MyExpertCallInvitationsQuery,
  AnswerExpertCallInvitationDocument as AnswerExpertCallInvitationMutation,
  SubmitExpertCallResponseDocument as SubmitExpertCallResponseMutation,
} from '../../gql/graphql';
export type {
  ExpertCallPartsFragment,
  ExpertCallInvitationPartsFragment,
  MyExpertCallInvitationsQuery as MyExpertCallInvitationsResult,
} from '../../gql/graphql';
