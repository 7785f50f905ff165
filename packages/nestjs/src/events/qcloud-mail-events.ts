import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import {
  createEventCallbackHandler,
  type EventCallbackHandler,
  QcloudMailError,
  type SesEvent,
} from '@qcloudmail/core';
import type { QcloudMailEventsHandler, QcloudMailEventsOptions } from './events-options.js';
import { QCLOUDMAIL_EVENT, qcloudMailEventName } from './events-tokens.js';

/** The part of `@nestjs/event-emitter`'s `EventEmitter2` used here; the package is an optional peer. */
interface AsyncEmitter {
  emitAsync(event: string, ...values: unknown[]): Promise<unknown[]>;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * One callback registration: core's handler, configured from the module's options (created when the module is,
 * so a missing secret stops the application from starting), and the delivery of its events to the
 * application's handler class and `@nestjs/event-emitter`, after the provider has had its answer. Shutdown
 * waits for deliveries in progress, since the provider already has its 200 and will not post them again.
 */
export class QcloudMailEvents implements OnModuleInit, OnApplicationShutdown {
  /** Core's callback handler, which the controller hands each request. */
  readonly handle: EventCallbackHandler;
  private readonly pending = new Set<Promise<void>>();
  private readonly options: QcloudMailEventsOptions;
  private readonly moduleRef: ModuleRef;
  private readonly logger = new Logger('QcloudMailEvents');
  private handler: QcloudMailEventsHandler | undefined;
  private emitter: AsyncEmitter | undefined;

  constructor(options: QcloudMailEventsOptions, moduleRef: ModuleRef) {
    this.options = options;
    this.moduleRef = moduleRef;
    const { handler: _handler, emit: _emit, ...handlerOptions } = options;
    const handle = createEventCallbackHandler({
      ...handlerOptions,
      onEvents: (events) => this.deliver(events),
      onError: (error) => this.logger.error(`Delivering events failed: ${describe(error)}`),
    });
    this.handle = async (request) => {
      const response = await handle(request);
      this.pending.add(response.handled);
      void response.handled.then(() => this.pending.delete(response.handled));
      return response;
    };
  }

  /** Finds the handler class and the event emitter; refuses to start when the events would go nowhere. */
  async onModuleInit(): Promise<void> {
    const { handler, emit } = this.options;
    if (handler !== undefined) this.handler = this.find(handler, `the handler class ${handler.name}`);
    if (emit !== false) this.emitter = await this.findEmitter(emit === true);
    if (this.handler === undefined && this.emitter === undefined) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message:
          'QcloudMailEventsModule has nowhere to deliver events: give `handler` (a provider class with handleEvents) or import EventEmitterModule.forRoot() from @nestjs/event-emitter',
      });
    }
  }

  /**
   * Emits each event as `qcloudmail.event.<kind>` and `qcloudmail.event`, then hands them all to the handler
   * class; one failing listener neither stops the others nor the handler, and each failure is logged.
   */
  async deliver(events: readonly SesEvent[]): Promise<void> {
    const emitter = this.emitter;
    if (emitter !== undefined) {
      for (const event of events) {
        for (const name of [qcloudMailEventName(event.kind), QCLOUDMAIL_EVENT]) {
          try {
            await emitter.emitAsync(name, event);
          } catch (error) {
            // A listener without @OnEvent's own error handling: logged, and the others still hear the event.
            this.logger.error(`A listener of ${name} failed: ${describe(error)}`);
          }
        }
      }
    }
    if (this.handler !== undefined) await this.handler.handleEvents(events);
  }

  /** Waits for the deliveries in progress (the controller is closed by then, so no new ones start). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private find<T>(token: new (...args: never[]) => T, what: string): T {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch (cause) {
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message: `QcloudMailEventsModule could not find ${what}: list it in the providers of one of the application's modules`,
        cause,
      });
    }
  }

  private async findEmitter(required: boolean): Promise<AsyncEmitter | undefined> {
    try {
      const { EventEmitter2 } = await import('@nestjs/event-emitter');
      return this.moduleRef.get(EventEmitter2, { strict: false });
    } catch (cause) {
      if (!required) return undefined;
      throw new QcloudMailError({
        code: 'CONFIGURATION',
        message:
          'QcloudMailEventsModule was told to emit (`emit: true`) but found no event emitter: install @nestjs/event-emitter and import EventEmitterModule.forRoot()',
        cause,
      });
    }
  }
}
