// The documents are in operations.graphql beside this file; their typed forms come from the generated
// module one by one, so each screen's bundle holds only its own.
export {
  MeDocument as MeQuery,
  LoginDocument as LoginMutation,
  RegisterDocument as RegisterMutation,
  OrganisationsDocument as OrganisationsQuery,
  VerifyEmailDocument as VerifyEmailMutation,
  ResendVerificationDocument as ResendVerificationMutation,
  RequestPasswordResetDocument as RequestPasswordResetMutation,
  ResetPasswordDocument as ResetPasswordMutation,
  InvitationDocument as InvitationQuery,
  AcceptInvitationDocument as AcceptInvitationMutation,
} from '../../gql/graphql';
