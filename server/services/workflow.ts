/**
 * State machines of the peer-learning workflows: a move the machine does not allow answers 409
 * naming the current state and the allowed next states.
 *
 * @example
 * requireTransition('study visit', 7, { requested: ['accepted'] }, 'requested', 'scheduled');
 * // → 409 { current: 'requested', allowed: ['accepted'] }
 */
import { conflict } from '../errors';

export type Machine<S extends string> = Record<S, readonly S[]>;

export function requireTransition<S extends string>(what: string, id: number, machine: Machine<S>, from: S, to: S) {
  const allowed = machine[from];
  if (!allowed.includes(to)) {
    throw conflict(`${what} ${id} is ${from}; it cannot move to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no further moves)'}`, { current: from, requested: to, allowed });
  }
}
