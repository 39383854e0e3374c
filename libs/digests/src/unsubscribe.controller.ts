import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { DomainException } from '@app/core';
import type { Response } from 'express';
import { DigestPreferencesService, UnsubscribeChoice } from './digest-preferences.service';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE = (title: string, message: string, form = '') => `<!doctype html><html><head><meta charset="utf-8">
<meta name="robots" content="noindex"><title>${title}</title></head>
<body style="font-family:-apple-system,'PingFang SC',Arial,sans-serif;max-width:560px;margin:48px auto"><h1>${title}</h1><p>${message}</p>${form}</body></html>`;

const QUESTION: Record<UnsubscribeChoice, [string, string, string]> = {
  [UnsubscribeChoice.OFF]: [
    '退订匹配周报？/ Unsubscribe?',
    '确认后，您将不再收到匹配周报。Confirm to stop receiving match digests.',
    '确认退订 / Unsubscribe',
  ],
  [UnsubscribeChoice.WEEKLY]: [
    '改为每周？/ Weekly?',
    '确认后，匹配摘要将每周发送。Confirm to get digests every week.',
    '确认 / Confirm',
  ],
  [UnsubscribeChoice.MONTHLY]: [
    '改为每月？/ Monthly?',
    '确认后，匹配摘要将每月发送一次。Confirm to get digests once a month.',
    '确认 / Confirm',
  ],
};

const CONFIRMATION: Record<UnsubscribeChoice, [string, string]> = {
  [UnsubscribeChoice.OFF]: ['已退订 / Unsubscribed', '您将不再收到匹配周报。You will no longer receive match digests.'],
  [UnsubscribeChoice.WEEKLY]: ['已改为每周 / Weekly', '匹配摘要将每周发送。Digests now come every week.'],
  [UnsubscribeChoice.MONTHLY]: ['已改为每月 / Monthly', '匹配摘要将每月发送一次。Digests now come once a month.'],
};

const INVALID = PAGE('链接无效 / Invalid link', '此退订链接无效。This unsubscribe link is not valid.');

function choiceOf(frequency: string | undefined): UnsubscribeChoice {
  return (Object.values(UnsubscribeChoice) as string[]).includes(frequency ?? '')
    ? (frequency as UnsubscribeChoice)
    : UnsubscribeChoice.OFF;
}

/**
 * The links in digest emails, usable without signing in: the signed token names the user. GET (the link a person
 * clicks, and what mail scanners prefetch) changes nothing: it checks the token and shows a confirmation with a
 * button. POST applies: the button's form, and RFC 8058 one-click (List-Unsubscribe-Post), OFF unless the link
 * names another frequency.
 */
@Controller('digests/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: DigestPreferencesService) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async confirmation(
    @Query('token') token: string | undefined,
    @Query('frequency') frequency: string | undefined,
    @Res() res: Response,
  ) {
    try {
      await this.preferences.unsubscribeTokenUser(token ?? '');
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      res.status(400).send(INVALID);
      return;
    }
    const choice = choiceOf(frequency);
    const [title, message, button] = QUESTION[choice];
    const action = `?token=${encodeURIComponent(token ?? '')}&frequency=${choice}`;
    const form = `<form method="post" action="${escapeHtml(action)}"><button type="submit">${button}</button></form>`;
    res.status(200).send(PAGE(title, message, form));
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async apply(
    @Query('token') token: string | undefined,
    @Query('frequency') frequency: string | undefined,
    @Res() res: Response,
  ) {
    const choice = choiceOf(frequency);
    try {
      await this.preferences.applyUnsubscribe(token ?? '', choice);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      res.status(400).send(INVALID);
      return;
    }
    const [title, message] = CONFIRMATION[choice];
    res.status(200).send(PAGE(title, message));
  }
}
