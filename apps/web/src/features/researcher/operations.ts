// The documents are in operations.graphql beside this file (see ../account/operations.ts for why one by one).
export {
  AchievementMatchesDocument as AchievementMatchesQuery,
  MyExpertProfileDocument as MyExpertProfileQuery,
  CreateMyExpertProfileDocument as CreateMyExpertProfileMutation,
  UpdateMyExpertProfileDocument as UpdateMyExpertProfileMutation,
} from '../../gql/graphql';
