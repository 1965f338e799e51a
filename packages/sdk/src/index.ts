export * from './schemas.ts';
export * from './text.ts';
export * from './errors.ts';
export * from './adapter.ts';
export * from './client.ts';
export * from './outbox.ts';
export * from './opening-hours.ts';
export * from './callback.ts';
export * from './pii.ts';
export * from './phone.ts';
export { gatewayAdapter, type GatewayAdapterOptions } from './adapters/gateway.ts';
export { lazyGatewayAdapter, gatewayBaseUrl } from './adapters/lazy-gateway.ts';
export {
  memoryAdapter,
  type MemoryAdapter,
  type MemorySeed,
  type MemoryOperation,
  type BotAnswer,
} from './adapters/memory.ts';
export { demoConfig, demoCases } from './demo-data.ts';
export * from './zgw/index.ts';
export { commonGroundAdapter, type CommonGroundAdapterOptions } from './adapters/common-ground.ts';
export {
  caseView,
  caseChange,
  casesChange,
  caseText,
  formatCaseDate,
  civilDate,
  amsterdamToday,
  type CaseView,
  type CaseStepView,
  type CaseBadge,
  type CaseViewOptions,
  type CaseStepState,
} from './case-view.ts';
export * from './feedback-link.ts';
export * from './feedback.ts';
export * from './bel-me.ts';
export * from './chat.ts';
export * from './chat-text.ts';
export * from './chat-availability.ts';
export * from './service-norms.ts';
