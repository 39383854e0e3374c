import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxSubject, recordOutboxChange } from '@app/core';
import { ExpertEntity, ExpertVisibility } from '@app/experts';
import { NotificationEntity, NotificationKind, ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { ControllableClock, settledWorker, startTestApi, TestApi } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import { BrokerageWorld, buildWorld, ok } from '../../brokerage/test/brokerage-world';

const DAY = 24 * 3600_000;

const CALL_FIELDS = 'id status title question keywords industryCodes deadline openedAt closedAt';
const CREATE = `mutation($input: CreateExpertCallInput!) { createExpertCall(input: $input) { ${CALL_FIELDS} } }`;
const OPEN = `mutation($id: ID!) { openExpertCall(id: $id) { id status openedAt } }`;
const CLOSE = `mutation($id: ID!) { closeExpertCall(id: $id) { id status closedAt } }`;
const CALL = `query($id: ID!) { expertCall(id: $id) { id title status } }`;
const CALLS = `{ expertCalls { id status } }`;
const PROPOSALS = `query($id: ID!) { expertCallProposals(callId: $id) { expertId name rank score matchedTerms
  invitation { id status } } }`;
const INVITATION_FIELDS = `id callId expertId status matchedTerms declineReason answeredAt response respondedAt
  expertName organisation { id } call { id title }`;
const INVITE = `mutation($input: InviteExpertsInput!) { inviteExpertsToCall(input: $input) { ${INVITATION_FIELDS} } }`;
const INVITATIONS = `query($id: ID!) { expertCallInvitations(callId: $id) { ${INVITATION_FIELDS} } }`;
const CONTRIBUTORS = `query($id: ID!) { expertCallContributors(callId: $id) { expertName response } }`;
const MINE = `{ myExpertCallInvitations { ${INVITATION_FIELDS} } }`;
const ANSWER = `mutation($input: AnswerExpertCallInvitationInput!) { answerExpertCallInvitation(input: $input) { id status declineReason } }`;
const RESPOND = `mutation($input: SubmitExpertCallResponseInput!) { submitExpertCallResponse(input: $input) { id response respondedAt
  responseAttachments { fileId name url } } }`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe('calls for experts through GraphQL (proposals, invitations, answers, responses, deadline)', () => {
  const clock = new ControllableClock();
  const mails: ReceivedMail[] = [];
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let world: BrokerageWorld;
  let membersOnlyExpert: ExpertEntity;
  let secondExpert: ExpertEntity;
  let secondExpertUser: TestActor;
  let callId: string;

  const failure = async (query: string, variables: Record<string, unknown>, actor?: TestActor) => {
    const res = await api.gql(query, variables, actor?.token);
    if (!res.errors) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return { code: res.errors[0].extensions?.code as string, reason: res.errors[0].extensions?.reason as string };
  };
  const upload = async (actor: TestActor, name: string): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
    const response = await fetch(`${api.url}/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${actor.token}` },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const download = async (actor: TestActor, id: string) =>
    (await fetch(`${api.url}/files/${id}`, { headers: { authorization: `Bearer ${actor.token}` } })).status;
  const callInput = (overrides: Record<string, unknown> = {}) => ({
    title: '低空经济无人机导航安全评估',
    question: '请就无人机室内导航的安全标准提出建议。',
    keywords: ['无人机', '导航'],
    industryCodes: ['low_altitude'],
    deadline: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
    ...overrides,
  });

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    process.env.SMTP_URL = sink.url;
    clock.install();
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'expert-calls', 1);
    const experts = dataSource.getRepository(ExpertEntity);
    // The researcher has an expert profile too, public; a third expert shows only to members.
    secondExpertUser = world.researcher;
    secondExpert = await experts.save(
      experts.create({
        userId: world.researcher.userId,
        organisationId: world.university.id,
        name: '周导航',
        bio: '无人机 导航 安全标准',
      }),
    );
    membersOnlyExpert = await experts.save(
      experts.create({
        userId: world.tto.userId,
        organisationId: world.university.id,
        name: '内部专家',
        bio: '无人机导航',
        visibility: ExpertVisibility.MEMBERS_ONLY,
      }),
    );
    // Written straight to the table above: their outbox rows bring them into the search index.
    await dataSource.transaction(async (manager) => {
      for (const id of [world.expert.id, secondExpert.id, membersOnlyExpert.id]) {
        await recordOutboxChange(manager, OutboxSubject.EXPERT, id);
      }
    });
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    clock.uninstall();
  });

  it('only the bureau creates calls; drafts are NOT_FOUND for everyone else; deadline in the future', async () => {
    expect((await failure(CREATE, { input: callInput() }, world.tto)).reason).toBe('EXPERT_CALL_BUREAU_ONLY');
    expect((await failure(CALLS, {}, world.expertUser)).reason).toBe('EXPERT_CALL_BUREAU_ONLY');
    expect(
      (await failure(CREATE, { input: callInput({ deadline: new Date(clock.now().getTime() - 1000) }) }, world.admin))
        .reason,
    ).toBe('EXPERT_CALL_DEADLINE_INVALID');
    expect((await failure(CREATE, { input: callInput({ industryCodes: ['nope'] }) }, world.admin)).reason).toBe(
      'UNKNOWN_INDUSTRY',
    );
    const { createExpertCall } = await ok(api, CREATE, { input: callInput() }, world.admin);
    expect(createExpertCall).toMatchObject({ status: 'DRAFT', keywords: ['无人机', '导航'] });
    callId = createExpertCall.id;
    for (const actor of [world.expertUser, world.member, world.tto]) {
      expect((await failure(CALL, { id: callId }, actor)).reason).toBe('EXPERT_CALL_NOT_FOUND');
      expect((await failure(PROPOSALS, { id: callId }, actor)).reason).toBe('EXPERT_CALL_NOT_FOUND');
    }
    expect((await failure(CALL, { id: callId })).code).toBe('UNAUTHENTICATED');
    // Invitations wait for the call to open.
    expect((await failure(INVITE, { input: { callId, expertIds: [world.expert.id] } }, world.admin)).reason).toBe(
      'EXPERT_CALL_NOT_OPEN',
    );
    const { openExpertCall } = await ok(api, OPEN, { id: callId }, world.admin);
    expect(openExpertCall.status).toBe('OPEN');
    expect((await ok(api, CALLS, {}, world.admin)).expertCalls.map((c: any) => c.id)).toContain(callId);
  });

  it('proposes the public experts the search index ranks for the call, with the words they matched', async () => {
    const proposals = await eventually(async () => {
      const { expertCallProposals } = await ok(api, PROPOSALS, { id: callId }, world.admin);
      const ids = expertCallProposals.map((p: any) => p.expertId);
      return ids.includes(world.expert.id) && ids.includes(secondExpert.id) ? expertCallProposals : null;
    }, 60_000);
    const expert = proposals.find((p: any) => p.expertId === world.expert.id);
    expect(expert.name).toBe('李专家');
    expect(expert.matchedTerms.join(' ')).toMatch(/无人机|导航/);
    expect(expert.invitation).toBeNull();
    expect(proposals.map((p: any) => p.rank)).toEqual(proposals.map((_: unknown, i: number) => i + 1));
    // A profile shown to members only is never proposed, nor invited.
    expect(proposals.map((p: any) => p.expertId)).not.toContain(membersOnlyExpert.id);
    expect((await failure(INVITE, { input: { callId, expertIds: [membersOnlyExpert.id] } }, world.admin)).reason).toBe(
      'EXPERT_CALL_EXPERT_NOT_INVITABLE',
    );
  }, 90_000);

  it('invites: each expert notified once in-app and by email, however often the bureau retries', async () => {
    const input = { callId, expertIds: [world.expert.id, secondExpert.id] };
    const { inviteExpertsToCall } = await ok(api, INVITE, { input }, world.admin);
    expect(inviteExpertsToCall).toHaveLength(2);
    expect(inviteExpertsToCall[0]).toMatchObject({ status: 'INVITED', expertName: '李专家', call: { id: callId } });
    expect(inviteExpertsToCall[0].matchedTerms.length).toBeGreaterThan(0);
    const retried = await ok(api, INVITE, { input }, world.admin);
    expect(retried.inviteExpertsToCall.map((i: any) => i.id)).toEqual(inviteExpertsToCall.map((i: any) => i.id));

    const notifications = await dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: world.expertUser.userId, kind: NotificationKind.EXPERT_CALL_INVITED });
    expect(notifications).toHaveLength(1);
    expect(notifications[0].title).toContain('低空经济无人机导航安全评估');
    await eventually(
      async () =>
        mails.find(
          (m) =>
            m.headers.get('x-notification-kind') === NotificationKind.EXPERT_CALL_INVITED &&
            m.to.some((to) => to.includes(world.expertUser.label)),
        ),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const toExpert = mails.filter(
      (m) =>
        m.headers.get('x-notification-kind') === NotificationKind.EXPERT_CALL_INVITED &&
        m.to.some((to) => to.includes(world.expertUser.label)),
    );
    expect(toExpert).toHaveLength(1);

    const { expertCallProposals } = await ok(api, PROPOSALS, { id: callId }, world.admin);
    expect(expertCallProposals.find((p: any) => p.expertId === world.expert.id).invitation.status).toBe('INVITED');
  }, 60_000);

  it('the invited expert sees the call and answers; others get NOT_FOUND for it and its invitations', async () => {
    const { myExpertCallInvitations } = await ok(api, MINE, {}, world.expertUser);
    expect(myExpertCallInvitations).toHaveLength(1);
    const invitation = myExpertCallInvitations[0];
    expect(invitation.call).toMatchObject({ id: callId, title: '低空经济无人机导航安全评估' });
    expect((await ok(api, CALL, { id: callId }, world.expertUser)).expertCall.id).toBe(callId);
    expect((await ok(api, MINE, {}, world.member)).myExpertCallInvitations).toEqual([]);

    for (const actor of [world.member, world.expertUser, world.researcher]) {
      expect((await failure(INVITATIONS, { id: callId }, actor)).reason).toBe('EXPERT_CALL_NOT_FOUND');
      expect((await failure(CONTRIBUTORS, { id: callId }, actor)).reason).toBe('EXPERT_CALL_NOT_FOUND');
    }
    expect((await failure(CALL, { id: callId }, world.member)).reason).toBe('EXPERT_CALL_NOT_FOUND');
    // Someone else's invitation: NOT_FOUND, never FORBIDDEN.
    for (const query of [ANSWER, RESPOND]) {
      const input =
        query === ANSWER ? { invitationId: invitation.id, accept: true } : { invitationId: invitation.id, text: 'x' };
      expect((await failure(query, { input }, world.member)).reason).toBe('EXPERT_CALL_INVITATION_NOT_FOUND');
    }

    // A response waits for the acceptance.
    expect(
      (await failure(RESPOND, { input: { invitationId: invitation.id, text: '意见' } }, world.expertUser)).reason,
    ).toBe('EXPERT_CALL_NOT_ACCEPTED');
    const accepted = await ok(api, ANSWER, { input: { invitationId: invitation.id, accept: true } }, world.expertUser);
    expect(accepted.answerExpertCallInvitation.status).toBe('ACCEPTED');
    expect(
      (await failure(ANSWER, { input: { invitationId: invitation.id, accept: false } }, world.expertUser)).reason,
    ).toBe('EXPERT_CALL_ALREADY_ANSWERED');
    const first = await ok(
      api,
      RESPOND,
      { input: { invitationId: invitation.id, text: '  建议参照民航室内导航标准。 ' } },
      world.expertUser,
    );
    expect(first.submitExpertCallResponse.response).toBe('建议参照民航室内导航标准。');
    // Replaced before the deadline, now with a report attached: the expert and the bureau download it, nobody else.
    const reportId = await upload(world.expertUser, '专家意见.pdf');
    const othersFile = await upload(world.member, '别人的.pdf');
    expect(
      (
        await failure(
          RESPOND,
          { input: { invitationId: invitation.id, text: '意见', attachmentFileIds: [othersFile] } },
          world.expertUser,
        )
      ).code,
    ).toBe('NOT_FOUND');
    const replaced = await ok(
      api,
      RESPOND,
      { input: { invitationId: invitation.id, text: '  建议参照民航室内导航标准。 ', attachmentFileIds: [reportId] } },
      world.expertUser,
    );
    expect(replaced.submitExpertCallResponse.responseAttachments).toEqual([
      { fileId: reportId, name: '专家意见.pdf', url: `/files/${reportId}` },
    ]);
    expect(await download(world.expertUser, reportId)).toBe(200);
    expect(await download(world.admin, reportId)).toBe(200);
    expect(await download(world.member, reportId)).toBe(404);
    expect(await download(world.researcher, reportId)).toBe(404);

    const second = (await ok(api, MINE, {}, secondExpertUser)).myExpertCallInvitations[0];
    const declined = await ok(
      api,
      ANSWER,
      { input: { invitationId: second.id, accept: false, reason: '研究方向不符' } },
      secondExpertUser,
    );
    expect(declined.answerExpertCallInvitation).toMatchObject({ status: 'DECLINED', declineReason: '研究方向不符' });
    expect(
      (await failure(RESPOND, { input: { invitationId: second.id, text: '意见' } }, secondExpertUser)).reason,
    ).toBe('EXPERT_CALL_NOT_ACCEPTED');

    const { expertCallInvitations } = await ok(api, INVITATIONS, { id: callId }, world.admin);
    expect(expertCallInvitations.map((i: any) => [i.expertName, i.status]).sort()).toEqual([
      ['周导航', 'DECLINED'],
      ['李专家', 'ACCEPTED'],
    ]);
    const { expertCallContributors } = await ok(api, CONTRIBUTORS, { id: callId }, world.admin);
    expect(expertCallContributors).toEqual([{ expertName: '李专家', response: '建议参照民航室内导航标准。' }]);
  });

  it('after the deadline nothing more is taken; closing stops it too', async () => {
    const invitation = (await ok(api, MINE, {}, world.expertUser)).myExpertCallInvitations[0];
    clock.advance(8 * DAY);
    expect(
      (await failure(RESPOND, { input: { invitationId: invitation.id, text: '晚到的意见' } }, world.expertUser)).reason,
    ).toBe('EXPERT_CALL_DEADLINE_PASSED');
    expect((await failure(INVITE, { input: { callId, expertIds: [world.expert.id] } }, world.admin)).reason).toBe(
      'EXPERT_CALL_DEADLINE_PASSED',
    );
    expect((await ok(api, CLOSE, { id: callId }, world.admin)).closeExpertCall.status).toBe('CLOSED');
    expect((await failure(OPEN, { id: callId }, world.admin)).reason).toBe('EXPERT_CALL_NOT_OPEN');
    expect(
      (await failure(ANSWER, { input: { invitationId: invitation.id, accept: true } }, world.expertUser)).reason,
    ).toBe('EXPERT_CALL_NOT_OPEN');
    // The response stays with the bureau.
    const { expertCallContributors } = await ok(api, CONTRIBUTORS, { id: callId }, world.admin);
    expect(expertCallContributors).toHaveLength(1);
  });
});
