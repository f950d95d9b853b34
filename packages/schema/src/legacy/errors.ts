import { LegacyErrorCode } from '@tern/jsonrpc';
import * as z from 'zod/mini';
import { createErrorResponseSchema } from '../envelope.js';
import { LegacyElicitRequestURLParamsSchema } from './elicitation.js';

/** `-32042` error response: the listed URL elicitations must be completed first. */
export const URLElicitationRequiredErrorSchema = createErrorResponseSchema(
  z.looseObject({
    code: z.literal(LegacyErrorCode.UrlElicitationRequired),
    /** A short description of the error. */
    message: z.string(),
    /** The required elicitations. */
    data: z.looseObject({
      /** URL-mode elicitations, each with its `elicitationId`. */
      elicitations: z.array(LegacyElicitRequestURLParamsSchema),
    }),
  }),
);
/** `-32042` error response. */
export type URLElicitationRequiredError = z.infer<typeof URLElicitationRequiredErrorSchema>;
