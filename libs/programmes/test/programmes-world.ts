import { DataSource } from 'typeorm';
import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { testAccounts, TestApi } from '@app/testing';
import {
  buildWorld,
  BrokerageWorld,
  endedPriceNotice,
  introducedDeal,
  MOVE,
  ok,
} from '../../brokerage/test/brokerage-world';
import { MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';

export { ok, MOVE };
export type { BrokerageWorld, TestActor };

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** A marketplace (brokerage-world) whose enterprise is in the district (杭州), with a second TTO elsewhere. */
export interface ProgrammesWorld extends BrokerageWorld {
  otherTto: TestActor;
  otherUniversity: OrganisationEntity;
}

export async function buildProgrammesWorld(api: TestApi, label: string): Promise<ProgrammesWorld> {
  const world = await buildWorld(api, label, 1);
  const dataSource = api.app.get(DataSource);
  await dataSource.getRepository(OrganisationEntity).update({ id: world.enterprise.id }, { region: '杭州' });
  const actors = new MarketplaceActors(api);
  const otherUniversity = await actors.organisation(`${label} 东湖大学`, OrganisationKind.UNIVERSITY);
  const otherTto = await actors.user(`${label}-other-tto`, Role.TTO_OFFICER, otherUniversity.id);
  return { ...world, otherTto, otherUniversity };
}

/** Takes the world's achievement deal from introduction to a registered contract; returns the deal id. */
export async function registeredDeal(
  api: TestApi,
  world: BrokerageWorld,
  amounts: { contractValueWan: number; technicalIncomeWan: number; registrationNumber: string },
): Promise<string> {
  const broker = world.brokers[0];
  const { dealId } = await introducedDeal(api, world);
  await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, broker);
  await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, broker);
  await ok(
    api,
    `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
    { input: { dealId, contractValueWan: amounts.contractValueWan } },
    broker,
  );
  await endedPriceNotice(api, dealId, broker, amounts.contractValueWan);
  await ok(api, MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, broker);
  await ok(
    api,
    MOVE,
    {
      input: {
        dealId,
        stage: 'REGISTERED',
        registration: {
          registrationNumber: amounts.registrationNumber,
          contractType: 'TRANSFER',
          contractValueWan: amounts.contractValueWan,
          technicalIncomeWan: amounts.technicalIncomeWan,
        },
      },
    },
    broker,
  );
  return dealId;
}

/** Uploads a file as `actor` (POST /files) and returns its id. */
export async function uploadPdf(api: TestApi, actor: TestActor, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
  const response = await fetch(`${api.url}/files`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${actor.token}` },
  });
  const body = (await response.json()) as { id: string };
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** The status of `GET /files/:id` for `actor`. */
export async function downloadStatus(api: TestApi, actor: TestActor, fileId: string): Promise<number> {
  const response = await fetch(`${api.url}/files/${fileId}`, { headers: { authorization: `Bearer ${actor.token}` } });
  await response.arrayBuffer();
  return response.status;
}

/** The error of an operation that must fail: code and reason. */
export async function failure(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  actor: TestActor,
): Promise<{ code: string; reason: string; extensions: Record<string, any> }> {
  const res = await api.gql(query, variables, actor.token);
  if (!res.errors) throw new Error(`${actor.label}: expected an error, got ${JSON.stringify(res.data)}`);
  const extensions = res.errors[0].extensions ?? {};
  return { code: extensions.code as string, reason: extensions.reason as string, extensions };
}

/** Decodes an ExportFile's bytes. */
export function bytesOf(file: { base64: string }): Buffer {
  return Buffer.from(file.base64, 'base64');
}

/**
 * Signs the actors in again: a session lasts its refresh token's lifetime by the Clock, so after a
 * ControllableClock moved months ahead the old sessions have ended (SESSION_ENDED). Updates the tokens in place.
 */
export async function signInAgain(api: TestApi, ...actors: TestActor[]): Promise<void> {
  const dataSource = api.app.get(DataSource);
  for (const actor of actors) {
    const [{ email }] = await dataSource.query<Array<{ email: string }>>(`SELECT email FROM users WHERE id = $1`, [
      actor.userId,
    ]);
    actor.token = (await testAccounts(api).login(email)).token;
  }
}
