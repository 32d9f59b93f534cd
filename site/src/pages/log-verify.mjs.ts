/**
 * `/log-verify.mjs`: the one-file verifier of the disclosure log (tools/log-verify.mjs), served
 * by the site so that a reader can read it and run it without the repository.
 */
import type { APIRoute } from 'astro';
import verifier from '../../../tools/log-verify.mjs?raw';

export const GET: APIRoute = () =>
  new Response(verifier, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
