import { type FaultSpec, parseFaultSpec } from './fault-spec.js';

/** A fault waiting to fire, with how many firings are left. */
export type ActiveFault = FaultSpec & { id: string; remaining: number | 'always' };

type FaultOf<T extends FaultSpec['type']> = Extract<ActiveFault, { type: T }>;

/** The faults of one emulator: added from tests or over HTTP, consumed by the SMTP handlers. */
export interface FaultQueue {
  /** Adds a fault (validated, see `FaultSpec`) and returns it with its id. */
  add(spec: FaultSpec): ActiveFault;
  /** The faults still waiting, oldest first. */
  list(): ActiveFault[];
  /** Removes one fault; false when no fault has that id. */
  remove(id: string): boolean;
  /** Removes every fault. */
  clear(): void;
  /** Fires the oldest fault of `type` that matches `filter`: one firing is used up. */
  take<T extends FaultSpec['type']>(type: T, filter?: (fault: FaultOf<T>) => boolean): FaultOf<T> | undefined;
  /** Fires the oldest fault, of any type, that `match` accepts: how one stage picks one of several kinds. */
  takeFirst<F extends ActiveFault>(match: (fault: ActiveFault) => fault is F): F | undefined;
  takeFirst(match: (fault: ActiveFault) => boolean): ActiveFault | undefined;
  /** Calls `listener` with the remaining faults whenever they change (for the live inbox); returns the unsubscribe. */
  subscribe(listener: (faults: ActiveFault[]) => void): () => void;
}

/** The part of the fault queue that tests and the HTTP API use. */
export type EmulatorFaults = Pick<FaultQueue, 'add' | 'list' | 'remove' | 'clear'>;

/** Creates an empty fault queue; `onFire` counts firings for the stats. */
export function createFaultQueue(onFire: () => void = () => {}): FaultQueue {
  let faults: ActiveFault[] = [];
  let sequence = 0;
  const listeners = new Set<(faults: ActiveFault[]) => void>();
  const changed = (): void => {
    for (const listener of listeners) listener(faults.map((fault) => ({ ...fault })));
  };
  const takeFirst = (match: (fault: ActiveFault) => boolean): ActiveFault | undefined => {
    const fault = faults.find(match);
    if (fault === undefined) return undefined;
    if (fault.remaining !== 'always') {
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault);
    }
    onFire();
    if (fault.remaining !== 'always') changed();
    return { ...fault };
  };
  return {
    add(spec) {
      const checked = parseFaultSpec(spec);
      sequence += 1;
      const fault = { ...checked, id: `fault-${sequence}`, remaining: checked.count ?? 1 } as ActiveFault;
      faults.push(fault);
      changed();
      return { ...fault };
    },
    list: () => faults.map((fault) => ({ ...fault })),
    remove(id) {
      const before = faults.length;
      faults = faults.filter((fault) => fault.id !== id);
      if (faults.length === before) return false;
      changed();
      return true;
    },
    clear() {
      faults = [];
      changed();
    },
    take(type, filter) {
      const fired = takeFirst(
        (candidate) => candidate.type === type && (filter === undefined || filter(candidate as FaultOf<typeof type>)),
      );
      return fired as FaultOf<typeof type> | undefined;
    },
    takeFirst,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
