// The catalogue's collector for types whose descriptor says how (GenericCollection): one
// paged list, then each item's hydrate calls (concurrently, paced), one resource an item.
// Types that need joins or conditional calls keep a source of their own.
import type { GenericCollection, ResourceDescriptor } from '../catalogue/descriptor.js';
import { commandFor, type ServiceKey } from '../clients.js';
import type { Session, Target } from '../session.js';

type Sender = { send(command: unknown): Promise<unknown> };

export function genericSource(d: ResourceDescriptor & { collect: { generic: GenericCollection<unknown, unknown> } }) {
  const g = d.collect.generic;
  const service = d.service as ServiceKey;
  const affects = [d.type];
  const send = (c: unknown, operation: string, input: object) => (c as Sender).send(commandFor(service, operation, input));
  return async (s: Session, t: Target): Promise<void> => {
    const items: unknown[] = [];
    // Per-item calls whose fields and relations no check reads are not made (answer undefined).
    const hydrate = (g.hydrate ?? []).map((h) => ({ ...h, wanted: s.wants(d.type, h.operation) }));
    const anyHydrate = hydrate.some((h) => h.wanted);
    const complete = await s.paginate(
      t,
      service,
      g.list.operation,
      affects,
      (c, token) => send(c, g.list.operation, g.list.request(token, (max) => s.page(max))),
      g.list.next,
      (p) => {
        for (const item of g.list.items(p)) {
          if (!anyHydrate) s.upsert(g.toPart(item, [], t));
          else items.push(item);
        }
      },
    );
    if (complete) s.addCoverage(t, 'describe', affects);
    await Promise.all(
      items.map(async (item) => {
        const arn = g.arn?.(item, t);
        const before = s.errors.length;
        const answers = await Promise.all(hydrate.map((h) => (h.wanted ? s.must(t, service, h.operation, affects, (c) => send(c, h.operation, h.request(item)), arn) : undefined)));
        const part = g.toPart(item, answers, t);
        s.upsert(part);
        // A failed per-item call may be the only source of the item's tags (EKS clusters
        // the Tagging API does not list): its empty tags are unknown, not "untagged".
        if (s.errors.length > before && !s.tagsKnown(part.arn)) markTagsUnknown(s.errors.slice(before), part.arn, d.type);
      }),
    );
  };
}

/** Names the item's tags on its own call errors (`tags:TYPE`), so checks of them are not-evaluated. */
function markTagsUnknown(errors: readonly { resourceArn?: string; affects: string[] }[], arn: string, type: string): void {
  for (const e of errors) if (e.resourceArn === arn && !e.affects.includes(`tags:${type}`)) e.affects = [...e.affects, `tags:${type}`].sort();
}
