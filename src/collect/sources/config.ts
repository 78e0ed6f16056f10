// AWS Config (filled in below in a later step).
import type { AccountPlan } from '../plan.js';
import type { Session, Target } from '../session.js';

export async function collectConfig(_s: Session, _t: Target): Promise<Set<string>> {
  return new Set();
}
export async function collectAggregate(_s: Session, _t: Target, _name: string, _plans: AccountPlan[]): Promise<Set<string>> {
  return new Set();
}
