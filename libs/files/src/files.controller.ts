import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpException,
  HttpStatus,
  Logger,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import {
  AppConfig,
  DomainException,
  ErrorCode,
  fail,
  localeFromAcceptLanguage,
  Locale,
  renderMessage,
  supportedLocale,
  unauthenticated,
} from '@app/core';
import { Actor, AuthService, DirectoryService } from '@app/identity';
import { fileUrl, FilesService } from './files.service';

const STATUS_OF: { readonly [C in ErrorCode]: number } = {
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.INTERNAL_SERVER_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** What multer's disk storage hands over (the fields used here). */
interface UploadedTempFile {
  path: string;
  originalname: string;
  size: number;
}

/** The actor of a request's `Authorization: Bearer …` header, undefined without one. */
async function actorOf(request: Request, auth: AuthService): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw fail('AUTHORIZATION_HEADER_MALFORMED');
  return auth.authenticate(match[1]);
}

/**
 * Errors of the file endpoints as JSON `{ code, reason, message }` with the HTTP status of the code, the message
 * in the account's language (or the request's): the same catalogue as GraphQL. Anything unexpected is a 500
 * without details.
 */
@Catch()
export class FilesExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Files');

  constructor(
    private readonly directory: DirectoryService,
    private readonly config: AppConfig,
  ) {}

  private get maxBytes(): number {
    return this.config.FILE_MAX_BYTES;
  }

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const response = host.switchToHttp().getResponse<Response>();
    let domain: DomainException | null = exception instanceof DomainException ? exception : null;
    if (!domain && exception instanceof HttpException) {
      const status: number = exception.getStatus();
      if (status === 413) domain = fail('FILE_TOO_LARGE', { field: 'file', maxBytes: this.maxBytes });
      else if (status === 400) domain = fail('FILE_REQUIRED', { field: 'file' });
    }
    if (!domain) {
      this.logger.error(exception);
      if (!response.headersSent)
        response.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
      return;
    }
    const locale = await this.localeOf(request);
    const status =
      domain.reason === 'FILE_TOO_LARGE'
        ? HttpStatus.PAYLOAD_TOO_LARGE
        : (STATUS_OF[domain.code] ?? HttpStatus.BAD_REQUEST);
    if (response.headersSent) return;
    response.status(status).json({
      ...domain.details,
      code: domain.code,
      reason: domain.reason,
      message: renderMessage(domain.reason, locale, domain.messageParams, domain.problems),
    });
  }

  private async localeOf(request: Request & { actor?: Actor }): Promise<Locale> {
    const own = request.actor ? supportedLocale(await this.directory.localeOf(request.actor.userId)) : null;
    return own ?? localeFromAcceptLanguage(request.headers['accept-language']) ?? 'zh';
  }
}

/**
 * `POST /files` (multipart, one part named `file`, a bearer token): stores the upload and answers its id, to be
 * attached to an achievement, a consent or a deal through GraphQL. `GET /files/:id` (a bearer token): the bytes,
 * to those who may see what the file belongs to; NOT_FOUND for everyone else.
 */
@Controller('files')
@UseFilters(FilesExceptionFilter)
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  async upload(@Req() request: Request & { actor?: Actor }, @UploadedFile() file: UploadedTempFile | undefined) {
    const actor = await actorOf(request, this.auth);
    if (!actor) throw unauthenticated();
    request.actor = actor;
    if (!file) throw fail('FILE_REQUIRED', { field: 'file' });
    const stored = await this.files.store(actor, {
      path: file.path,
      originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'),
      size: file.size,
    });
    return {
      id: stored.id,
      name: stored.name,
      contentType: stored.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      url: fileUrl(stored.id),
    };
  }

  @Get(':id')
  async download(
    @Req() request: Request & { actor?: Actor },
    @Res() response: Response,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => fail('FILE_NOT_FOUND') })) id: string,
  ): Promise<void> {
    const actor = await actorOf(request, this.auth);
    request.actor = actor;
    const { file, content } = await this.files.openForDownload(actor, id);
    response.status(200);
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Length', String(file.sizeBytes));
    response.setHeader('Content-Disposition', contentDisposition(file.name));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    await pipeline(content, response);
  }
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987), so Chinese names survive. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
