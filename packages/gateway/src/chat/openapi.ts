/**
 * The chat part of the OpenAPI 3.1 document (/v1/chat/…), generated from the SDK's schemas like
 * the rest. The gateway's openApiDocument() merges `paths` and `schemas` from here.
 */
import {
  jsonResponse,
  postGuardResponses,
  problemResponse,
  ref,
  schema,
  tooManyResponse,
  type JsonSchema,
} from '../http/openapi-parts.ts';
import { ChatMessageInputSchema, ChatMessageSchema, ChatSessionSchema, ChatStartInputSchema } from '@dichtbij/sdk';

const problem = problemResponse;
const json = jsonResponse;
const id = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The chat’s id (a UUID; knowing it gives access to the chat).',
  schema: { type: 'string', format: 'uuid' },
};
const tooMany = tooManyResponse('Too many requests (per chat or per client); see Retry-After.');

export function chatOpenApi(): { paths: JsonSchema; schemas: JsonSchema } {
  return {
    schemas: {
      ChatSession: schema(ChatSessionSchema, 'output'),
      ChatMessage: schema(ChatMessageSchema, 'output'),
      ChatStartInput: schema(ChatStartInputSchema, 'input'),
      ChatMessageInput: schema(ChatMessageInputSchema, 'input'),
      ChatAvailability: {
        type: 'object',
        required: ['enabled', 'live', 'agentsOnline', 'nextLive', 'text'],
        properties: {
          enabled: { type: 'boolean' },
          live: { type: 'boolean', description: 'Live-chat hours now and at least one staff member present.' },
          agentsOnline: { type: 'integer', minimum: 0 },
          nextLive: { type: ['string', 'null'], format: 'date-time', description: 'When live-chat hours start again.' },
          text: {
            type: 'object',
            required: ['nl', 'en'],
            properties: { nl: { type: 'string' }, en: { type: 'string' } },
            description: 'For the launcher: "medewerkers nu online", "chatbot, medewerkers weer morgen vanaf 8:30".',
          },
        },
      },
    },
    paths: {
      '/v1/chat/availability': {
        get: {
          operationId: 'getChatAvailability',
          summary: 'Whether a person can take over now, with the launcher’s text in Dutch and English.',
          responses: { '200': json('ChatAvailability', 'Availability now.') },
        },
      },
      '/v1/chat/sessions': {
        post: {
          operationId: 'startChat',
          summary: 'Start a chat; the bot greets (message seq 0).',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ChatStartInput') } } },
          responses: {
            '201': json('ChatSession', 'Started.'),
            ...postGuardResponses(true),
            '429': tooMany,
            '503': problem('This gemeente has no chat.'),
          },
        },
      },
      '/v1/chat/sessions/{id}': {
        get: {
          operationId: 'getChat',
          parameters: [id],
          summary: 'The chat’s state: bot, queued (with a place in the queue), live (with the agent’s name) or ended.',
          responses: { '200': json('ChatSession', 'The chat.'), '404': problem('No such chat (any more).') },
        },
      },
      '/v1/chat/sessions/{id}/messages': {
        post: {
          operationId: 'sendChatMessage',
          parameters: [id],
          summary: 'A resident message, stored once per clientId; while the bot has the chat it answers from the FAQ.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ChatMessageInput') } } },
          responses: {
            '201': json('ChatMessage', 'Stored.'),
            '200': json('ChatMessage', 'Sent before with this clientId: the stored message.'),
            ...postGuardResponses(true),
            '404': problem('No such chat (any more).'),
            '409': problem('The chat has ended.'),
            '429': tooMany,
          },
        },
      },
      '/v1/chat/sessions/{id}/agent': {
        post: {
          operationId: 'requestChatAgent',
          parameters: [id],
          summary:
            'Ask for a person: during live-chat hours with staff present the chat is queued with a place; otherwise it waits for the KCC as a left message (no place).',
          responses: {
            '200': json('ChatSession', 'The chat.'),
            ...postGuardResponses(false),
            '404': problem('No such chat.'),
            '409': problem('The chat has ended.'),
          },
        },
      },
      '/v1/chat/sessions/{id}/end': {
        post: {
          operationId: 'endChat',
          parameters: [id],
          summary: 'End the chat (recorded as a klantcontact when Klantinteracties is configured).',
          responses: {
            '200': json('ChatSession', 'Ended.'),
            ...postGuardResponses(false),
            '404': problem('No such chat.'),
          },
        },
      },
      '/v1/chat/sessions/{id}/events': {
        get: {
          operationId: 'chatEvents',
          parameters: [
            id,
            {
              name: 'after',
              in: 'query',
              required: false,
              description: 'Send messages after this seq (default: all).',
              schema: { type: 'integer', minimum: -1 },
            },
            {
              name: 'Last-Event-ID',
              in: 'header',
              required: false,
              description: 'Set by EventSource on reconnect: resume after this seq (the larger of the two wins).',
              schema: { type: 'string' },
            },
          ],
          summary:
            'Server-sent events: `message` (a ChatMessage; the event id is its seq) and `session` (a ChatSession), heartbeat comments every 15 s. No message is sent twice or skipped on resume.',
          responses: {
            '200': {
              description: 'An event stream.',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            '404': problem('No such chat (any more).'),
          },
        },
      },
    },
  };
}
