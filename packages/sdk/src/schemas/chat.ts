import * as z from 'zod/mini';
import { HandoffContextSchema } from './callback.ts';
import { HttpUrlSchema, LocaleSchema, PageContextSchema, nonEmptyText, text } from './common.ts';

// Chat

export const ChatLinkSchema = z.object({ title: nonEmptyText(200), url: HttpUrlSchema });

export const ChatMessageSchema = z.object({
  id: nonEmptyText(64),
  /** Monotonic per session; used as the SSE event id for Last-Event-ID resume. */
  seq: z.number().check(z.int(), z.gte(0)),
  from: z.enum(['resident', 'bot', 'agent', 'system']),
  text: text(4000),
  at: z.string(),
  links: z.optional(z.array(ChatLinkSchema).check(z.maxLength(10))),
  quickReplies: z.optional(z.array(text(80)).check(z.maxLength(8))),
  /** Set by the client on resident messages so a retried send is not shown twice. */
  clientId: z.optional(text(64)),
  agentName: z.optional(text(80)),
  /**
   * The language of `text` (and its links) when it is not the chat's own: a FAQ answer the
   * gemeente wrote only in Dutch, shown in an English chat, has `lang: 'nl'`.
   */
  lang: z.optional(LocaleSchema),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatSessionSchema = z.object({
  id: nonEmptyText(64),
  state: z.enum(['bot', 'queued', 'live', 'ended']),
  position: z.optional(z.nullable(z.number())),
  agentName: z.optional(z.nullable(text(80))),
});
export type ChatSession = z.infer<typeof ChatSessionSchema>;

export const ChatMessageInputSchema = z.strictObject({
  text: nonEmptyText(1000),
  clientId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Expected a client id')),
});
export type ChatMessageInput = z.infer<typeof ChatMessageInputSchema>;

export const ChatStartInputSchema = z.strictObject({
  page: z.optional(PageContextSchema),
  locale: LocaleSchema,
  /**
   * A warm hand-off into the chat (e.g. feedback's "Chat met ons"): where the resident came from
   * and what they said there, shown at the top of the chat and carried to the KCC.
   */
  context: z.optional(HandoffContextSchema),
});
export type ChatStartInput = z.infer<typeof ChatStartInputSchema>;
