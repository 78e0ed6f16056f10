// Load balancers: enable_load_balancer in HCL; "No load balancer needed" (optional).
import type { Fact, Recogniser } from '../types.js';
import { fact, hclBool, scopeOf } from './util.js';

export const loadBalancer: Recogniser = {
  kind: 'load-balancer',
  recognise(docs) {
    const facts: Fact[] = [];
    for (const d of docs) {
      for (const a of d.hcl) {
        const b = hclBool(a);
        if (/^(enable|create)_(load_balancer|alb|lb)$/.test(a.key) && b !== undefined) {
          facts.push(fact(scopeOf(a), 'compute/loadBalancer', b ? 'required' : 'forbidden', a));
        }
      }
      for (const t of d.texts) {
        if (t.env && /\bno load balancer (needed|required)\b/i.test(t.text)) facts.push(fact(t.env, 'compute/loadBalancer', 'optional', t));
      }
    }
    return { facts };
  },
};
