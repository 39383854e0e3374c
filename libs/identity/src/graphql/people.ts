import DataLoader from 'dataloader';
import { byKeys, groupedByKeys, RequestLoaders } from '@app/core';
import { DirectoryService } from '../directory.service';
import { OrganisationEntity } from '../entities/organisation.entity';
import { PersonObject } from './person.object';

/** People by user id (id and display name only), one query per request for every person a response names. */
export function personLoader(loaders: RequestLoaders, directory: DirectoryService) {
  return loaders.get(
    'identity.person',
    () =>
      new DataLoader<string, PersonObject | null>(async (ids) =>
        byKeys(ids, await directory.peopleByIds(ids), (person) => person.id),
      ),
  );
}

/** The organisations of people by user id (ACTIVE memberships only), one query per request. */
export function organisationsOfPersonLoader(loaders: RequestLoaders, directory: DirectoryService) {
  return loaders.get(
    'identity.organisationsOfPerson',
    () =>
      new DataLoader<string, OrganisationEntity[]>(async (ids) => {
        const rows = await directory.organisationsOfUsers(ids);
        return groupedByKeys(ids, rows, (row) => row.userId).map((group) => group.map((row) => row.organisation));
      }),
  );
}

/** A person for an optional user id: null when there is none or the account is gone. */
export async function loadPerson(
  loaders: RequestLoaders,
  directory: DirectoryService,
  userId: string | null | undefined,
): Promise<PersonObject | null> {
  return userId ? personLoader(loaders, directory).load(userId) : null;
}
