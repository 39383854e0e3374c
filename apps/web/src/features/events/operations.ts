// The documents are in operations.graphql beside this file; their typed forms come from the generated module.
export {
  PublicEventsDocument as PublicEventsQuery,
  EventDetailDocument as EventDetailQuery,
  RegisterForEventDocument as RegisterForEventMutation,
  OrganisedEventsDocument as OrganisedEventsQuery,
  CreateEventDocument as CreateEventMutation,
  UpdateEventDocument as UpdateEventMutation,
  PresentingInstitutionChoicesDocument as PresentingInstitutionChoicesQuery,
  PublishEventDocument as PublishEventMutation,
  OrganiserDeskDocument as OrganiserDeskQuery,
  EventProposalsDocument as EventProposalsQuery,
  DecideEventRegistrationDocument as DecideEventRegistrationMutation,
  CheckInEventRegistrationDocument as CheckInEventRegistrationMutation,
  MyEventMeetingsDocument as MyEventMeetingsQuery,
  RequestEventMeetingDocument as RequestEventMeetingMutation,
  AnswerEventMeetingDocument as AnswerEventMeetingMutation,
  RecordEventMeetingOutcomeDocument as RecordEventMeetingOutcomeMutation,
} from '../../gql/graphql';
