import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { DomainException } from '@app/core';
import type { Response } from 'express';
import { DigestPreferencesService, UnsubscribeChoice } from './digest-preferences.service';

const PAGE = (
  title: string,
  message: string,
) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:-apple-system,'PingFang SC',Arial,sans-serif;max-width:560px;margin:48px auto"><h1>${title}</h1><p>${message}</p></body></html>`;

const CONFIRMATION: Record<UnsubscribeChoice, [string, string]> = {
  [UnsubscribeChoice.OFF]: ['已退订 / Unsubscribed', '您将不再收到匹配周报。You will no longer receive match digests.'],
  [UnsubscribeChoice.WEEKLY]: ['已改为每周 / Weekly', '匹配摘要将每周发送。Digests now come every week.'],
  [UnsubscribeChoice.MONTHLY]: ['已改为每月 / Monthly', '匹配摘要将每月发送一次。Digests now come once a month.'],
};

/**
 * The links in digest emails, usable without signing in: the signed token names the user. GET is the link a
 * person clicks (it may also switch frequency); POST is RFC 8058 one-click (List-Unsubscribe-Post), always OFF.
 */
@Controller('digests/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: DigestPreferencesService) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async viaLink(
    @Query('token') token: string | undefined,
    @Query('frequency') frequency: string | undefined,
    @Res() res: Response,
  ) {
    const choice = (Object.values(UnsubscribeChoice) as string[]).includes(frequency ?? '')
      ? (frequency as UnsubscribeChoice)
      : UnsubscribeChoice.OFF;
    return this.apply(token, choice, res);
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  async oneClick(@Query('token') token: string | undefined, @Res() res: Response) {
    return this.apply(token, UnsubscribeChoice.OFF, res);
  }

  private async apply(token: string | undefined, choice: UnsubscribeChoice, res: Response) {
    try {
      await this.preferences.applyUnsubscribe(token ?? '', choice);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      res.status(400).send(PAGE('链接无效 / Invalid link', '此退订链接无效。This unsubscribe link is not valid.'));
      return;
    }
    const [title, message] = CONFIRMATION[choice];
    res.status(200).send(PAGE(title, message));
  }
}
