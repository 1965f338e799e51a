/**
 * The survey after each contact (issue 12), resident side:
 * - after a callback, the feedback widget's e-mail link carries a signed contact reference
 *   (./token.ts); POST /v1/feedback hands such a submission to `surveyFeedback`, which stores
 *   one score for that callback request (never a second, never for a made-up reference);
 * - after a chat, the chat panel asks for the score: POST /v1/survey/chat/{session id}
 *   with `{ "score": 1–10 }` (the session id is the secret that gives access to the chat).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { FeedbackInput } from '@dichtbij/sdk';
import type { GatewayDeps } from '../deps.ts';
import { readJsonBody } from '../http/body.ts';
import { notFoundProblem, problemResponse, problemTypes, validationProblem } from '../http/problem.ts';
import { isUuid } from '../store/store.ts';
import { recordContactScore, type ScoreResult } from './scores.ts';
import { verifySurveyToken } from './token.ts';

const alreadyScored = () =>
  problemResponse(409, {
    type: problemTypes.alreadyScored,
    title: 'Al beoordeeld / Already scored',
    detail:
      'U heeft dit contact al een cijfer gegeven. Dank u wel. / A score was already given for this contact. Thank you.',
  });

function answer(result: ScoreResult, unknownField: string): Response {
  if (result.outcome === 'already') return alreadyScored();
  if (result.outcome === 'unknown') {
    return validationProblem(
      [{ field: unknownField, message: 'No contact that can be scored' }],
      'Voor dit contact kan (nog) geen cijfer worden gegeven. / This contact cannot be scored (yet).',
    );
  }
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (result.outcome === 'replayed') headers['Idempotent-Replayed'] = 'true';
  return new Response(JSON.stringify({ id: randomUUID(), receivedAt: result.at.toISOString() }), {
    status: result.outcome === 'created' ? 201 : 200,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A feedback submission whose contact is a survey token: one score for that callback request. */
export async function surveyFeedback(deps: GatewayDeps, key: string, input: FeedbackInput): Promise<Response> {
  const id = input.contact ? verifySurveyToken(deps.store, input.contact) : undefined;
  if (!id) {
    deps.logger.warn('survey.token_invalid');
    return validationProblem(
      [{ field: 'contact', message: 'Invalid survey link' }],
      'Deze link voor de vragenlijst klopt niet. Gebruik de link uit uw e-mail. / This survey link is not valid.',
    );
  }
  if (input.variant !== 'score' || input.score === undefined) {
    return validationProblem([{ field: 'score', message: 'A score 1–10 is required' }]);
  }
  const result = await recordContactScore(deps.store, {
    type: 'callback',
    id,
    score: input.score,
    at: deps.clock.now(),
    idempotencyKey: key,
  });
  deps.logger.info('survey.score', { type: 'callback', outcome: result.outcome });
  return answer(result, 'contact');
}

const ChatScoreSchema = z.object({ score: z.number().check(z.int(), z.gte(1), z.lte(10)) });

export function surveyRoutes(deps: GatewayDeps): Hono {
  const app = new Hono();
  app.post('/chat/:id', async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return notFoundProblem('No chat with this id.');
    const body = await readJsonBody(c, ChatScoreSchema, deps.bodyLimit);
    if (!body.ok) return body.response;
    const key = c.req.header('idempotency-key')?.trim().slice(0, 255);
    const result = await recordContactScore(deps.store, {
      type: 'chat',
      id: id.toLowerCase(),
      score: body.data.score,
      at: deps.clock.now(),
      ...(key ? { idempotencyKey: key } : {}),
    });
    deps.logger.info('survey.score', { type: 'chat', outcome: result.outcome });
    if (result.outcome === 'unknown') return notFoundProblem('No ended chat with this id.');
    return answer(result, 'id');
  });
  return app;
}
