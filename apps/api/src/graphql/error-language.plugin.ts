import type { ApolloServerPlugin } from '@apollo/server';
import { Locale, localeFromAcceptLanguage, renderMessage, supportedLocale } from '@app/core';
import { GraphqlContext } from '@app/identity';
import { DOMAIN_ERRORS } from './error-formatting';

/** The language of messages when neither the account nor the request names a supported one (the product's). */
export const DEFAULT_LOCALE: Locale = 'zh';

/**
 * The language of a request's messages: the signed-in account's `locale`; signed out (or before sign-in
 * succeeded), the request's Accept-Language; else the product's default.
 */
export async function requestLocale(
  context: Pick<GraphqlContext, 'actor' | 'req'>,
  localeOf: (userId: string) => Promise<string | null>,
): Promise<Locale> {
  if (context.actor) {
    const locale = supportedLocale(await localeOf(context.actor.userId));
    if (locale) return locale;
  }
  return localeFromAcceptLanguage(context.req.headers['accept-language']) ?? DEFAULT_LOCALE;
}

/**
 * Renders each domain error's message (and its problems) in the request's language, from the catalogues, just
 * before the response is sent: the account's locale is read only when a response has errors. `extensions.code`
 * and `extensions.reason` stay as they are; English is what formatError already wrote.
 */
export function errorLanguagePlugin(localeOf: (userId: string) => Promise<string | null>): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ response, contextValue }) => {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors?.length) return;
        const errors = response.body.singleResult.errors;
        if (!errors.some((error) => DOMAIN_ERRORS.has(error))) return;
        const locale = await requestLocale(contextValue as GraphqlContext, localeOf);
        if (locale === 'en') return;
        for (const error of errors) {
          const exception = DOMAIN_ERRORS.get(error);
          if (!exception) continue;
          (error as { message: string }).message = renderMessage(
            exception.reason,
            locale,
            exception.messageParams,
            exception.problems,
          );
          if (exception.problems.length > 0 && error.extensions) {
            (error.extensions as Record<string, unknown>).problems = exception.problems.map((problem) =>
              renderMessage(problem.reason, locale, problem.params ?? {}),
            );
          }
        }
      },
    }),
  };
}
