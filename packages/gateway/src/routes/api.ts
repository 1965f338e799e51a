/**
 * Dichtbij API v1: config, feedback, callback requests, cases. Request bodies are validated
 * with the SDK's schemas; every error is problem+json naming the field.
 */
import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  CallbackRequestInputSchema,
  CaseStatusSchema,
  FeedbackInputSchema,
  checkPhone,
  expectedCallback,
  isPreferredMomentValid,
  newReference,
  type CallbackReceipt,
  type CaseStatus,
  type OpeningHours,
  type PhoneOptions,
  type PreferredMoment,
} from '@dichtbij/sdk';
import type { CallbackRecord, CaseSource } from '../connectors/types.ts';
import { readJsonBody } from '../http/body.ts';
import { notFoundProblem, problemResponse, problemTypes, validationProblem, type FieldError } from '../http/problem.ts';
import { RateLimitedError } from '../http/security.ts';
import { errorFields } from '../runtime.ts';
import { isUniqueViolation, normaliseCheck, pageKey, Store, type IdempotentResult } from '../store/store.ts';
import type { GatewayDeps } from '../deps.ts';
import { surveyFeedback } from '../survey/routes.ts';
import { looksLikeSurveyToken } from '../survey/token.ts';
import { tenantOfRequest } from '../tenants.ts';

export interface ApiDeps extends GatewayDeps {
  caseSource: CaseSource;
  hours: OpeningHours;
  phoneOptions: PhoneOptions;
  referencePrefix: string;
  /** The resident from the gemeente's auth hook or the demo login. */
  resident(c: Context): Promise<{ bsn: string } | undefined>;
  /** Set when a sink is configured: the sync job to kick after a new request. */
  callbackSync?: { kick(): void; sinkName: string };
}

/** Idempotency-Key: 1–255 visible ASCII characters. */
const KEY = /^[\x21-\x7e]{1,255}$/;

function idempotencyKey(c: Context): string | Response {
  const key = c.req.header('idempotency-key')?.trim();
  if (key && KEY.test(key)) return key;
  return problemResponse(400, {
    type: problemTypes.idempotencyKeyMissing,
    title: 'Idempotency-Key ontbreekt / Idempotency-Key header missing',
    detail: key
      ? 'The Idempotency-Key header must be 1–255 visible ASCII characters.'
      : 'Send a unique Idempotency-Key header with every POST (the same key when you retry).',
    errors: [{ field: 'Idempotency-Key', message: key ? 'Invalid header value' : 'Required header' }],
  });
}

function respond<T>(c: Context, result: IdempotentResult<T>): Response {
  if (result.outcome === 'conflict') {
    return problemResponse(409, {
      type: problemTypes.idempotencyConflict,
      title: 'Sleutel al gebruikt / Idempotency-Key reused',
      detail: 'This Idempotency-Key was used before with another body. Use a new key for a new submission.',
      errors: [{ field: 'Idempotency-Key', message: 'Used before with another body' }],
    });
  }
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (result.outcome === 'replayed') headers['Idempotent-Replayed'] = 'true';
  return c.json(result.response as object, result.status as 201, headers);
}

const PHONE_MESSAGES = {
  empty: 'Required',
  invalid: 'Not a valid phone number',
  premium: 'Paid numbers (0900, 0906, 0909) cannot be called back',
  not_personal: 'Not a number we can call back (e.g. 0800, 14 0xx, 112)',
  international_not_allowed: 'Only Dutch numbers can be called back',
} as const;

function slotErrors(hours: OpeningHours, preferred: PreferredMoment, at: Date): FieldError[] {
  if (preferred.kind !== 'slot' || isPreferredMomentValid(hours, preferred, at, 10)) return [];
  let open: boolean;
  try {
    open = hours.isOpenOn(preferred.date);
  } catch {
    return [{ field: 'preferred.date', message: 'Not a date' }];
  }
  if (!open) return [{ field: 'preferred.date', message: 'The office is closed on this day' }];
  if (
    isPreferredMomentValid(
      hours,
      { ...preferred, part: preferred.part === 'morning' ? 'afternoon' : 'morning' },
      at,
      10,
    )
  ) {
    return [{ field: 'preferred.part', message: 'The office is closed in this part of the day' }];
  }
  return [{ field: 'preferred.date', message: 'Pick one of the next working days' }];
}

const sha = (v: string) => createHash('sha256').update(v).digest();
/** Constant-time comparison of two second factors after normalising. */
export function checksMatch(given: string, expected: string | undefined): boolean {
  const a = normaliseCheck(given);
  const b = normaliseCheck(expected ?? '');
  const equal = timingSafeEqual(sha(a), sha(b || '\u0000no-check'));
  return equal && b.length > 0;
}

const REFERENCE = /^[A-Za-z0-9._-]{1,64}$/;
/** The one answer for an unknown reference and a wrong check: no oracle. */
const caseNotFound = () => notFoundProblem('No case was found with this reference and check.');

export function apiRoutes(deps: ApiDeps): Hono {
  const { store, clock, logger, rateLimit, limits } = deps;
  const app = new Hono();

  /** The gemeente of this request (?gemeente=, see tenants.ts) and its settings. */
  const tenantOf = (c: Context) => {
    const tenant = tenantOfRequest(c, deps.tenants);
    return {
      ...tenant,
      // One gemeente's Idempotency-Key never replays another's answer.
      key: (key: string) => (tenant.id === deps.tenants.default.id ? key : `${tenant.id}:${key}`),
      // A single-gemeente gateway keeps the settings it was given (ApiDeps), as before.
      hours: deps.tenants.multi ? tenant.hours : deps.hours,
      phoneOptions: deps.tenants.multi ? tenant.phoneOptions : deps.phoneOptions,
    };
  };

  app.get('/config', async (c) => {
    const config = await deps.getConfig(tenantOf(c).id);
    return new Response(JSON.stringify(config), {
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=60' },
    });
  });

  // The busiest route: the per-IP POST limit is counted in the same SQL statement as the insert
  // (one round trip); a request refused before that is counted on its own.
  app.post('/feedback', async (c) => {
    const ip = rateLimit.ip(c);
    const refuse = async (response: Response) => {
      const decision = await rateLimit.hit('post', ip, limits.postsPerIp);
      return decision.ok ? response : rateLimit.tooMany(decision.retryAfter);
    };
    const tenant = tenantOf(c);
    const given = idempotencyKey(c);
    if (given instanceof Response) return refuse(given);
    const key = tenant.key(given);
    const body = await readJsonBody(c, FeedbackInputSchema, deps.bodyLimit);
    if (!body.ok) return refuse(body.response);
    const input = body.data;
    // A score through a personal survey link (after a callback): one per contact (survey/).
    if (looksLikeSurveyToken(input.contact)) return refuse(await surveyFeedback(deps, key, input));
    if (input.callbackPhone) {
      const phone = checkPhone(input.callbackPhone, tenant.phoneOptions);
      if (!phone.ok)
        return refuse(validationProblem([{ field: 'callbackPhone', message: PHONE_MESSAGES[phone.problem] }]));
      input.callbackPhone = phone.e164;
    }
    const rule = limits.postsPerIp;
    const result = await store.createFeedback(
      key,
      Store.bodyHash(body.raw),
      { id: randomUUID(), receivedAt: clock.now(), input, gemeente: tenant.id },
      Number.isFinite(rule.limit) ? { key: rateLimit.key('post', ip), ...rule } : undefined,
    );
    if (result.outcome === 'limited') return rateLimit.tooMany(result.retryAfter);
    return respond(c, result);
  });

  app.post('/callback-requests', async (c) => {
    const tenant = tenantOf(c);
    const given = idempotencyKey(c);
    if (given instanceof Response) return given;
    const key = tenant.key(given);
    const body = await readJsonBody(c, CallbackRequestInputSchema, deps.bodyLimit);
    if (!body.ok) return body.response;
    const input = body.data;
    const now = clock.now();
    const errors: FieldError[] = [];
    const phone = checkPhone(input.phone, tenant.phoneOptions);
    if (!phone.ok) errors.push({ field: 'phone', message: PHONE_MESSAGES[phone.problem] });
    errors.push(...slotErrors(tenant.hours, input.preferred, now));
    if (errors.length || !phone.ok) return validationProblem(errors);

    const hash = Store.bodyHash(body.raw);
    // A retry of a stored request is answered before any limit counts it.
    const earlier = await store.findIdempotent<CallbackReceipt>('callback', key, hash);
    if (earlier) return respond(c, earlier);

    const config = await deps.getConfig(tenant.id);
    const topic = input.topic?.trim() || undefined;
    const topicLabel = topic ? config.callback.topics.find((t) => t.id === topic)?.label : undefined;
    // The same promise the form showed (callbackPromise), with the gemeente's window.
    const expected = expectedCallback(tenant.hours, input.preferred, now, config.callback.withinMinutes);
    const sync = deps.callbackSync
      ? { status: 'pending' as const, target: deps.callbackSync.sinkName }
      : { status: 'local' as const };

    for (let attempt = 0; ; attempt++) {
      const record: CallbackRecord = {
        id: randomUUID(),
        reference: newReference(deps.referencePrefix),
        receivedAt: now.toISOString(),
        phone: phone.e164,
        ...(input.name?.trim() ? { name: input.name.trim() } : {}),
        ...(topic ? { topic } : {}),
        ...(topicLabel ? { topicLabel } : {}),
        ...(input.question?.trim() ? { question: input.question.trim() } : {}),
        preferred: input.preferred,
        expected,
        // The page a request was made on, as origin and path (a query may carry personal data).
        ...(input.context
          ? {
              context: input.context.page
                ? { ...input.context, page: { ...input.context.page, url: pageKey(input.context.page.url) } }
                : input.context,
            }
          : {}),
        locale: input.locale,
        gemeente: tenant.id,
      };
      const receipt: CallbackReceipt = {
        id: record.id,
        reference: record.reference,
        expected,
        receivedAt: record.receivedAt,
      };
      try {
        const result = await store.createCallback(key, hash, record, receipt, sync, async (tx) => {
          const decision = await rateLimit.hit('callback-phone', phone.e164, limits.callbacksPerPhone, tx);
          if (!decision.ok) throw new RateLimitedError(decision.retryAfter);
        });
        if (result.outcome === 'created') deps.callbackSync?.kick();
        return respond(c, result);
      } catch (error) {
        if (error instanceof RateLimitedError) return rateLimit.tooMany(error.retryAfter);
        if (attempt < 5 && isUniqueViolation(error, 'callback_requests_reference_key')) continue;
        throw error;
      }
    }
  });

  const casePayload = (status: CaseStatus): CaseStatus | undefined => {
    const parsed = CaseStatusSchema.safeParse(status);
    return parsed.success ? parsed.data : undefined;
  };
  const sourceFailed = (error: unknown) => {
    logger.error('cases.source_failed', { source: deps.caseSource.name, ...errorFields(error) });
    return problemResponse(503, {
      type: problemTypes.unavailable,
      title: 'Status nu niet beschikbaar / Case status unavailable',
      detail: 'The case system did not answer. Try again later.',
    });
  };
  const invalidCase = () => {
    logger.error('cases.invalid_from_source', { source: deps.caseSource.name });
    return problemResponse(502, {
      type: problemTypes.unavailable,
      title: 'Status nu niet beschikbaar / Case status unavailable',
      detail: 'The case system sent data we cannot show.',
    });
  };

  app.get('/cases', async (c) => {
    const resident = await deps.resident(c);
    if (!resident) {
      return problemResponse(401, {
        type: problemTypes.unauthorized,
        title: 'Log in / Not logged in',
        detail: 'Log in (DigiD) to see your cases.',
      });
    }
    let list: CaseStatus[];
    try {
      list = await deps.caseSource.listForBsn(resident.bsn, tenantOf(c).id);
    } catch (error) {
      return sourceFailed(error);
    }
    const cases = list.map(casePayload);
    if (cases.some((x) => !x)) return invalidCase();
    return c.json({ cases }, 200, { 'Cache-Control': 'private, no-store', Vary: 'Cookie' });
  });

  app.get('/cases/:reference', async (c) => {
    const decision = await rateLimit.hit('case-lookup', rateLimit.ip(c), limits.caseLookupsPerIp);
    if (!decision.ok) return rateLimit.tooMany(decision.retryAfter);
    const reference = c.req.param('reference');
    const check = c.req.header('dichtbij-check');
    const resident = await deps.resident(c);
    if (!check && !resident) {
      return problemResponse(400, {
        type: problemTypes.validation,
        title: 'Controlegegeven ontbreekt / Check missing',
        detail: 'Send the check from the letter (e.g. the postcode) in the Dichtbij-Check header.',
        errors: [{ field: 'Dichtbij-Check', message: 'Required header' }],
      });
    }
    if (!REFERENCE.test(reference) || (check && check.length > 64)) return caseNotFound();
    let record;
    try {
      record = await deps.caseSource.get(reference, tenantOf(c).id);
    } catch (error) {
      return sourceFailed(error);
    }
    // Another gemeente's case is not found (record.gemeente is absent for an external source).
    if (record?.gemeente !== undefined && record.gemeente !== tenantOf(c).id) return caseNotFound();
    const owner = !!resident && !!record?.bsns?.includes(resident.bsn);
    const checked = check !== undefined && checksMatch(check, record?.check);
    if (!record || (!owner && !checked)) return caseNotFound();
    const payload = casePayload(record.status);
    if (!payload) return invalidCase();
    return c.json(payload, 200, { 'Cache-Control': 'private, no-store', Vary: 'Dichtbij-Check, Cookie' });
  });

  return app;
}
