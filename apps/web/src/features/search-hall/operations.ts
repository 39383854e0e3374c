// The documents are in operations.graphql beside this file; their typed forms come from the generated
// module one by one, so each screen's bundle holds only its own.
export {
  LandingFiguresDocument as LandingFiguresQuery,
  IndustriesDocument as IndustriesQuery,
  SearchAchievementsDocument as SearchAchievementsQuery,
  SearchExpertsDocument as SearchExpertsQuery,
  SearchDemandsDocument as SearchDemandsQuery,
  AchievementPublicDocument as AchievementQuery,
  ExpertPublicDocument as ExpertQuery,
  DemandPublicDocument as DemandQuery,
} from '../../gql/graphql';
