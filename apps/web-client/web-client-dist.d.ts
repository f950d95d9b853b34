/**
 * Absolute path of the built page (`apps/web-client/dist/`, with a trailing separator): serve it
 * as static files. It exists once `pnpm --filter @tern-demo/web-client build` (or the workspace
 * build) has run.
 */
export declare const webClientDist: string;
