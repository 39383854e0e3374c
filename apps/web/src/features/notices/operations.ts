// The documents are in operations.graphql beside this file; their typed forms come from the generated
// module one by one, so each screen's bundle holds only its own.
export {
  PublicNoticesDocument as PublicNoticesQuery,
  FileObjectionDocument as FileObjectionMutation,
} from '../../gql/graphql';
