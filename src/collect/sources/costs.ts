import type { Session, Target } from '../session.js';
export async function collectCosts(_s: Session, _t: Target, _tagKey: string, _now: Date): Promise<void> {}
