// The documents are in operations.graphql beside this file (see ../account/operations.ts for why one by one).
export {
  ReviewQueueDocument as ReviewQueueQuery,
  ApproveStageDocument as ApproveStageMutation,
  ReturnAchievementDocument as ReturnAchievementMutation,
} from '../../gql/graphql';
